/**
 * The registry: {@link io.solarmrv.creation.registry.Site sites}, the {@link
 * io.solarmrv.creation.registry.Device devices} at them, the keys that may sign for each device
 * (from the agents' registration statements) and meters' {@link
 * io.solarmrv.creation.registry.Calibration calibration certificates}. {@link
 * io.solarmrv.creation.registry.Registry} stores them; {@link
 * io.solarmrv.creation.registry.RegistryController} serves them.
 */
package io.solarmrv.creation.registry;
