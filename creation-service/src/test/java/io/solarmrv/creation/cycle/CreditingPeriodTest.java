package io.solarmrv.creation.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CreditingPeriodTest {
    @Test
    void aJCreditProjectRegisteredEarlyIsCreditedEightYearsInJapanDays() {
        CreditingPeriod period = CreditingPeriod.of("J-Credit", LocalDate.of(2020, 5, 1));
        assertEquals(Instant.parse("2020-04-30T15:00:00Z"), period.start(), "00:00 on 1 May 2020 in Japan");
        assertEquals(Instant.parse("2028-04-30T15:00:00Z"), period.end(), "8 years later");
    }

    @Test
    void noJCreditPeriodRunsPastTheSchemesEnd() {
        CreditingPeriod period = CreditingPeriod.of("J-Credit", LocalDate.of(2026, 6, 1));
        assertEquals(Instant.parse("2031-03-31T15:00:00Z"), period.end(), "2031-03-31 is the last day, not 2034-06-01");
        assertTrue(period.refusal(Instant.parse("2031-03-01T00:00:00Z"), Instant.parse("2031-03-31T15:00:00Z")).isEmpty());
        String reason = period.refusal(Instant.parse("2031-03-01T00:00:00Z"), Instant.parse("2031-04-01T00:00:00Z")).orElseThrow();
        assertTrue(reason.startsWith("the crediting period ends at 2031-03-31T15:00:00Z (J-Credit: 8 years from registration"), reason);
    }

    @Test
    void nothingCountsBeforeRegistration() {
        String reason = CreditingPeriod.of("JCM", LocalDate.of(2026, 6, 1))
                .refusal(Instant.parse("2026-05-31T23:00:00Z"), Instant.parse("2026-06-02T00:00:00Z")).orElseThrow();
        assertTrue(reason.startsWith("monitoring periods count only from registration (2026-06-01T00:00:00Z)"), reason);
    }

    @Test
    void aJcmPeriodHasNoRecordedEnd() {
        CreditingPeriod period = CreditingPeriod.of("JCM", LocalDate.of(2026, 6, 1));
        assertNull(period.end());
        assertTrue(period.refusal(Instant.parse("2040-01-01T00:00:00Z"), Instant.parse("2040-02-01T00:00:00Z")).isEmpty());
    }
}
