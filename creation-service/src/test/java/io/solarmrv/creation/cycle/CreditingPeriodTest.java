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

    private static CycleEntry registration(LocalDate on, CreditingTerms terms) {
        return new CycleEntry(Stage.REGISTRATION, "r.pdf", "cd".repeat(32), on, "admin", Instant.EPOCH, terms);
    }

    @Test
    void aJcmRegistrationsTermsBoundItsPeriods() {
        CreditingPeriod period = CreditingPeriod.of(registration(LocalDate.of(2026, 6, 1), new CreditingTerms(null,
                LocalDate.of(2030, 1, 1), false)), "JCM");
        assertEquals(Instant.parse("2026-06-01T00:00:00Z"), period.start(), "from the registration when no first day is stated");
        String reason = period.refusal(Instant.parse("2029-12-01T00:00:00Z"), Instant.parse("2030-01-02T00:00:00Z")).orElseThrow();
        assertEquals("the crediting period ends at 2030-01-01T00:00:00Z (JCM: the crediting period the registration records); the"
                + " period ends 2030-01-02T00:00:00Z: end it at 2030-01-01T00:00:00Z at the latest", reason);
        assertTrue(period.refusal(Instant.parse("2029-12-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z")).isEmpty());
    }

    @Test
    void aJcmProjectValidatedWithVerificationIsCreditedFromBeforeItsRegistration() {
        CreditingPeriod period = CreditingPeriod.of(registration(LocalDate.of(2026, 6, 1), new CreditingTerms(LocalDate.of(2026, 3, 1),
                null, true)), "JCM");
        assertTrue(period.refusal(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z")).isEmpty());
        String reason = period.refusal(Instant.parse("2026-02-28T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z")).orElseThrow();
        assertTrue(reason.startsWith("monitoring periods count only from the start of the registered crediting period (before"
                + " registration: validated with verification) (2026-03-01T00:00:00Z)"), reason);
    }

    @Test
    void termsThatStartBeforeRegistrationNeedValidationWithVerification() {
        CreditingTerms early = new CreditingTerms(LocalDate.of(2026, 3, 1), null, false);
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> early.check(LocalDate.of(2026, 6, 1)));
        assertTrue(refused.getMessage().contains("state 'validatedWithVerification': true if it did"), refused.getMessage());
        new CreditingTerms(LocalDate.of(2026, 3, 1), null, true).check(LocalDate.of(2026, 6, 1));
    }
}
