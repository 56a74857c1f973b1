package io.solarmrv.edge;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** A CoAP meter's SenML-CBOR notification: refused only as that device's {@link DeviceException}, naming what was wrong. */
class SenmlReadingFuzzTest {
    @FuzzTest(maxExecutions = 1_000_000)
    void senml(byte[] payload) {
        try {
            DeviceReader.Measurement m = SenmlReading.parse("meter-1", payload);
            if (m.energyRegisterWh() < 0) {
                throw new AssertionError("a negative register passed: " + m);
            }
        } catch (DeviceException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("refused without saying why", e);
            }
        }
    }
}
