/**
 * ECHONET Lite (ISO/IEC 14543-4-3; ECHONET Lite Specification, Part II, chapter 3) frames, the
 * protocol of Japanese homes' PV power conditioners, storage batteries and smart meters: a
 * {@link io.solarmrv.echonet.Frame} of specified message format 1 (EHD 0x1081), its objects
 * ({@link io.solarmrv.echonet.EchonetObject}), service ({@link io.solarmrv.echonet.Esv}) and
 * properties ({@link io.solarmrv.echonet.Property}), encoded and decoded strictly: whatever does not
 * follow the layout is a {@link io.solarmrv.echonet.MalformedFrameException} naming the byte at
 * fault, never a guess. {@link io.solarmrv.echonet.DeviceClasses} names the classes and property
 * codes this project reads. No I/O here: the simulators and the edge agent own their sockets.
 */
package io.solarmrv.echonet;
