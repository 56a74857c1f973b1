package io.solarmrv.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceSampleTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final Instant FROM = Instant.parse("2026-11-30T15:00:00Z");   // 1 December, 00:00 JST
    private static final Instant TO = Instant.parse("2026-12-03T15:00:00Z");     // 4 December, 00:00 JST

    @Test
    void theSeedIsTheDomainTheClaimAndTheRootHashed() {
        byte[] claim = Sha256.hash("claim".getBytes(StandardCharsets.UTF_8));
        byte[] root = Sha256.hash("root".getBytes(StandardCharsets.UTF_8));
        byte[] written = java.nio.ByteBuffer.allocate(25 + 64).put("solar-mrv-bundle-sample/1".getBytes(StandardCharsets.US_ASCII))
                .put(claim).put(root).array();
        assertEquals(java.util.HexFormat.of().formatHex(Sha256.hash(written)),
                java.util.HexFormat.of().formatHex(EvidenceSample.seed(claim, root)));
        assertNotEquals(java.util.HexFormat.of().formatHex(EvidenceSample.seed(claim, root)),
                java.util.HexFormat.of().formatHex(EvidenceSample.seed(root, claim)));
    }

    @Test
    void theDrawNumbersDeviceDaysByDeviceThenDayInTheHostCalendar() {
        byte[] seed = {7};
        List<EvidenceSample.DeviceDay> drawn = EvidenceSample.draw(seed, List.of("inv-b", "inv-a"), FROM, TO, TOKYO, 2);
        List<LocalDate> days = List.of(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 3));
        List<Long> numbers = ReadingSample.draw(seed, List.of(0L, 1L, 2L, 3L, 4L, 5L), 2);
        List<EvidenceSample.DeviceDay> expected = new java.util.ArrayList<>(numbers.stream()
                .map(n -> new EvidenceSample.DeviceDay(n < 3 ? "inv-a" : "inv-b", days.get((int) (n % 3)))).toList());
        expected.sort(java.util.Comparator.comparing(EvidenceSample.DeviceDay::deviceId).thenComparing(EvidenceSample.DeviceDay::day));
        assertEquals(expected, drawn);
        assertEquals(drawn, EvidenceSample.draw(seed, List.of("inv-a", "inv-b", "inv-a"), FROM, TO, TOKYO, 2),
                "the order and repetition of the devices given do not change the draw");
    }

    @Test
    void askingForMoreThanThereAreGivesEveryDeviceDay() {
        assertEquals(6, EvidenceSample.draw(new byte[] {1}, List.of("a", "b"), FROM, TO, TOKYO, 100).size());
    }

    @Test
    void aDayWindowIsClippedToThePeriod() {
        Instant from = Instant.parse("2026-12-01T06:00:00Z");
        EvidenceSample.Window window = new EvidenceSample.DeviceDay("a", LocalDate.of(2026, 12, 1)).window(TOKYO, from, TO);
        assertEquals(from, window.start());
        assertEquals(Instant.parse("2026-12-01T15:00:00Z"), window.end());
        List<EvidenceSample.DeviceDay> days = EvidenceSample.draw(new byte[] {1}, List.of("a"), from, TO, TOKYO, 100);
        assertEquals(LocalDate.of(2026, 12, 1), days.get(0).day(), "the period's first day in Tokyo, though it begins at 15:00 JST");
        assertEquals(3, days.size());
    }
}
