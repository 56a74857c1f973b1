/**
 * A project's cycle ({@link io.solarmrv.creation.cycle.Stage}): JCM's idea note, methodology, design
 * document, validation and registration, or J-Credit's plan, validation and registration, each
 * recorded once, in order, with its document's hash. Monitoring periods count only from registration,
 * within the scheme's {@link io.solarmrv.creation.cycle.CreditingPeriod}.
 */
package io.solarmrv.creation.cycle;
