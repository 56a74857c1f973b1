package io.solarmrv.echonet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CumulativeRegisterTest {
    private static final long SIX_DIGITS = 1_000_000;

    @Test
    void aRegisterCountingUpIsReadAsShown() {
        assertEquals(new CumulativeRegister.Next.Count(3_000_450, false), CumulativeRegister.next(3_000_400, 450, SIX_DIGITS));
        assertEquals(new CumulativeRegister.Next.Count(3_000_400, false), CumulativeRegister.next(3_000_400, 400, SIX_DIGITS),
                "no energy, the same count");
    }

    @Test
    void aRegisterPassingItsMaximumRollsOverAndKeepsCounting() {
        assertEquals(new CumulativeRegister.Next.Count(4_000_020, true), CumulativeRegister.next(3_999_990, 20, SIX_DIGITS));
    }

    @Test
    void aDecreaseThatIsNotARolloverIsRefusedNotCredited() {
        assertEquals(new CumulativeRegister.Next.Refused("the register went from 500000 down to 12 without passing its maximum 999999"
                + " (a reset or replaced meter, not a rollover)"), CumulativeRegister.next(3_500_000, 12, SIX_DIGITS));
        assertEquals(new CumulativeRegister.Next.Refused("the register went from 999990 down to 200000 without passing its maximum"
                + " 999999 (a reset or replaced meter, not a rollover)"), CumulativeRegister.next(3_999_990, 200_000, SIX_DIGITS));
    }

    @Test
    void aValueOutsideTheRegistersDigitsIsRefused() {
        assertEquals(new CumulativeRegister.Next.Refused("the register shows 1000000, outside 0 to 999999"),
                CumulativeRegister.next(0, SIX_DIGITS, SIX_DIGITS));
    }

    @Test
    void aSmartMetersUnitCodesAreTheSpecificationsAndNoOthers() {
        assertEquals(100, DeviceClasses.meterUnitMilliWh(0x04), "0.0001 kWh");
        assertEquals(100_000, DeviceClasses.meterUnitMilliWh(0x01), "0.1 kWh");
        assertEquals(10_000_000_000L, DeviceClasses.meterUnitMilliWh(0x0D), "10,000 kWh");
        assertEquals("unit code 0x05 (EPC 0xE1) is not one of 0x00-0x04, 0x0A-0x0D",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DeviceClasses.meterUnitMilliWh(5))
                        .getMessage());
    }
}
