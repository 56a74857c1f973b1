package io.solarmrv.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The meter lines of {@link DeviceRegistry}: one meter behind a device at a time, told by the serial its readings carry. */
class DeviceRegistryTest {
    private static final GatewayKey KEY = GatewayKey.generate(new SecureRandom());

    private static SignedReading reading(String device, String serial, long sequence) {
        return SignedReading.sign(new Reading(device, serial, sequence, 1_780_000_000_000L + sequence, 10 * sequence, null, 0,
                ClockSync.NTP, 0, Reading.genesisHash(), new byte[Reading.SALT_LENGTH]), KEY);
    }

    private static DeviceRegistry registry(String... meterLines) {
        return DeviceRegistry.parse(DeviceRegistry.registrationLine("d", KEY) + "\n" + String.join("\n", meterLines));
    }

    @Test
    void aDeviceWithoutMeterLinesIsNotChecked() {
        assertEquals(DeviceRegistry.Verdict.VALID, registry().verify(reading("d", "any serial", 0)));
    }

    @Test
    void aReadingMustCarryTheRegisteredSerial() {
        DeviceRegistry registry = registry("d meter:SN-1");
        assertEquals(DeviceRegistry.Verdict.VALID, registry.verify(reading("d", "SN-1", 7)));
        assertEquals(DeviceRegistry.Verdict.WRONG_METER, registry.verify(reading("d", "SN-2", 7)));
    }

    @Test
    void aReplacedMetersReadingsAreToldFromItsSuccessorsBySequence() {
        DeviceRegistry registry = registry(new DeviceRegistry.MeterSerial("d", "NEW", 11).line(), "d meter:OLD");
        assertEquals(DeviceRegistry.Verdict.VALID, registry.verify(reading("d", "OLD", 10)));
        assertEquals(DeviceRegistry.Verdict.WRONG_METER, registry.verify(reading("d", "NEW", 10)), "the new meter before it was fitted");
        assertEquals(DeviceRegistry.Verdict.VALID, registry.verify(reading("d", "NEW", 11)));
        assertEquals(DeviceRegistry.Verdict.WRONG_METER, registry.verify(reading("d", "OLD", 11)), "the old meter after its final reading");
        assertEquals("NEW", registry.meterAt("d", 1_000).orElseThrow().serial());
    }

    @Test
    void aSerialWithSpacesSurvivesItsLine() {
        DeviceRegistry.MeterSerial meter = new DeviceRegistry.MeterSerial("d", "ABB 2024/7 #3+", 5);
        assertEquals("d meter:ABB+2024%2F7+%233%2B from-sequence=5", meter.line());
        assertEquals(List.of(meter), DeviceRegistry.parse(meter.line()).meters());
    }

    @Test
    void malformedMeterLinesAreRefusedByLine() {
        List<String> refused = new ArrayList<>();
        DeviceRegistry.parse("d meter:\nd meter:A from-sequence=-1\nd meter:A until=3\nd meter:A\nd meter:B", refused::add);
        assertEquals(4, refused.size(), refused.toString());
        assertTrue(refused.get(0).startsWith("registry line 1: a meter line names a serial"), refused.get(0));
        assertTrue(refused.get(1).startsWith("registry line 2: from-sequence must be >= 0"), refused.get(1));
        assertTrue(refused.get(2).startsWith("registry line 3: unknown attribute 'until=3'"), refused.get(2));
        assertTrue(refused.get(3).startsWith("registry line 5: device d has two meters from sequence 0"), refused.get(3));
        assertThrows(IllegalArgumentException.class, () -> DeviceRegistry.parse("d meter:A from-sequence=x"));
    }

    @Test
    void aRevokedKeyCountsOnlyForReadingsStampedAndReceivedBeforeItsRevocation() {
        long revokedAt = 1_780_000_000_000L + 100;   // reading(sequence) is stamped 1_780_000_000_000 + sequence
        DeviceRegistry registry = DeviceRegistry.parse(DeviceRegistry.registrationLine("d", KEY) + " revoked-at="
                + java.time.Instant.ofEpochMilli(revokedAt));
        assertEquals(DeviceRegistry.Verdict.VALID, registry.verify(reading("d", "SN", 50), revokedAt - 1));
        assertEquals(DeviceRegistry.Verdict.KEY_REVOKED, registry.verify(reading("d", "SN", 50), revokedAt),
                "stamped before, received after: whoever stole the key can stamp any time");
        assertEquals(DeviceRegistry.Verdict.KEY_REVOKED, registry.verify(reading("d", "SN", 100), revokedAt - 50));
        assertEquals(DeviceRegistry.Verdict.VALID, registry.verify(reading("d", "SN", 50)), "receipt unknown: by its time");
        assertEquals(registry.keys().get(0).line(), DeviceRegistry.parse(registry.keys().get(0).line()).keys().get(0).line(),
                "revoked-at survives its line");
        assertTrue(registry.keys().get(0).line().endsWith(" revoked-at=" + java.time.Instant.ofEpochMilli(revokedAt)));
    }

    @Test
    void aDeviceWhoseOnlyMeterLineIsRefusedIsCheckedAndCarriesNoRegisteredMeter() {
        DeviceRegistry registry = DeviceRegistry.parse(DeviceRegistry.registrationLine("d", KEY) + "\nd meter:SN-1 from-sequence=x",
                reason -> { });
        assertEquals(DeviceRegistry.Verdict.WRONG_METER, registry.verify(reading("d", "SN-1", 7)),
                "a malformed meter line closes the device, never opens it to any serial");
    }
}
