package io.solarmrv.edge;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Whatever register map a Modbus device answers: the model walk and the body's decoding end in a
 * reading or a {@link DeviceException} naming what was wrong; a read outside the device's map is
 * the device's own error (as j2mod raises it), wrapped by the reader. The input is the device's
 * registers after the {@code SunS} marker, two bytes each, big-endian.
 */
class SunSpecModelsFuzzTest {
    @FuzzTest(maxExecutions = 1_000_000)
    void modelWalk(byte[] input) throws Exception {
        int[] image = new int[2 + input.length / 2];
        image[0] = 0x5375;
        image[1] = 0x6E53;
        for (int i = 0; i + 1 < input.length; i += 2) {
            image[2 + i / 2] = (input[i] & 0xFF) << 8 | input[i + 1] & 0xFF;
        }
        SunSpecModels.Registers device = (address, count) -> {
            int from = address - SunSpecModels.BASE_ADDRESS;
            if (from < 0 || from + count > image.length) {
                throw new IOException("illegal data address " + address);
            }
            return java.util.Arrays.copyOfRange(image, from, from + count);
        };
        try {
            SunSpecModels.Model model = SunSpecModels.discover(device, "inv-1");
            DeviceReader.Measurement m = SunSpecModels.measure(device, model, "inv-1");
            if (m.energyRegisterWh() < 0 || m.exportRegisterWh() != null && m.exportRegisterWh() < 0) {
                // a negative register is refused later, when the reading is made (Reading's own check)
                return;
            }
        } catch (DeviceException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("refused without saying why", e);
            }
        } catch (IOException deviceError) {
            // the device's own refusal to answer; the reader wraps it as this device's DeviceException
        }
    }
}
