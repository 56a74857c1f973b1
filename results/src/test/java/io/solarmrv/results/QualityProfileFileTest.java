package io.solarmrv.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityProfileFileTest {
    @Test
    void whatTheServiceWritesTheJobReadsBack() {
        Map<String, Long> devices = new LinkedHashMap<>();
        devices.put("inv.2", 6_000L);
        devices.put("urn:dev:sn:1", 4_000L);
        List<QualityProfileFile.Block> blocks = List.of(
                new QualityProfileFile.Block("jcm.2026@tokyo-1", devices, 35.68, 139.77, Duration.ofMinutes(1), Map.of("stale-run", "6")),
                new QualityProfileFile.Block("osaka", Map.of("m-1", 3_000L), null, null, null, Map.of()));
        String text = QualityProfileFile.write("test profiles", blocks, "# m-1 is also in project x\n");
        assertTrue(text.startsWith("# test profiles\n\nproject.jcm.2026@tokyo-1.devices = inv.2:6000, urn:dev:sn:1:4000\n"), text);
        assertEquals(blocks, QualityProfileFile.read(text));
    }

    @Test
    void aBadValueIsRefusedNamingItsKey() {
        IllegalArgumentException noDevices = assertThrows(IllegalArgumentException.class,
                () -> QualityProfileFile.read("project.p.latitude = 35\n"));
        assertEquals("project.p.devices is missing: list them as id:nameplateW, ...", noDevices.getMessage());
        IllegalArgumentException watts = assertThrows(IllegalArgumentException.class,
                () -> QualityProfileFile.read("project.p.devices = inv-1:0\n"));
        assertTrue(watts.getMessage().startsWith("project.p.devices: expected id:nameplateW with W above 0"), watts.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> QualityProfileFile.read("project.p.colour = red\n"));
        assertTrue(unknown.getMessage().startsWith("'project.p.colour': expected project.<project id>.<setting>"), unknown.getMessage());
    }
}
