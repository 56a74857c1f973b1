package io.solarmrv.attestation.methodology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.methodology.Methodologies.Resolution;
import io.solarmrv.attestation.methodology.Methodology.Formula;
import org.junit.jupiter.api.Test;

class MethodologyRegistryTest {
    private static Methodology supported(String reference) {
        return assertInstanceOf(Resolution.Supported.class, Methodologies.resolve(reference)).methodology();
    }

    private static String refused(String reference) {
        return assertInstanceOf(Resolution.Refused.class, Methodologies.resolve(reference)).reason();
    }

    @Test
    void aSupportedVersionResolvesToItsFormulaAndScheme() {
        Methodology thai = supported("TH_AM001 Ver1.0");
        assertEquals(Formula.PV_OUTPUT, thai.formula());
        assertEquals("JCM", thai.scheme());
        assertEquals("TH_AM001 Ver1.0", thai.reference());
        assertEquals(Formula.SELF_CONSUMED_PV, supported("EN-R-002 Ver3.0").formula());
    }

    @Test
    void aJcmMethodologyComputesOnlyForTheCountryThatApprovedIt() {
        Methodology thai = supported("TH_AM001 Ver1.0");
        assertEquals("TH", thai.hostCountry(null), "none given: the methodology's");
        assertEquals("TH", thai.hostCountry("Thailand"));
        assertEquals("TH", thai.hostCountry(" th "));
        IllegalArgumentException kenya = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> thai.hostCountry("Kenya"));
        assertEquals("TH_AM001 Ver1.0 is approved for Thailand (TH), and the project's host country is 'Kenya': a methodology"
                + " computes only for the country that approved it", kenya.getMessage());
        assertEquals("JP", supported("EN-R-002 Ver3.0").hostCountry("Japan"));
    }

    @Test
    void theVersionMayBeWrittenAsDocumentsWriteIt() {
        assertEquals("EN-R-002 Ver3.0", supported("EN-R-002 ver 3.0").reference());
        assertEquals("EN-R-002 Ver3.0", supported("EN-R-002 Ver.3.0").reference());
        assertEquals("MV_AM001 Ver1.0", supported("mv_am001 ver1").reference());
    }

    @Test
    void chillersAreRefusedNotComputedAsPv() {
        String reason = refused("TH_AM005 Ver1.0");
        assertTrue(reason.startsWith("TH_AM005 is not computed by this system: chillers"), reason);
        assertTrue(refused("ID_AM004 Ver2.0").contains("COP_PJ / COP_RE"));
    }

    @Test
    void pvWithStorageIsRefusedUntilItsOptionsAreCheckedAgainstItsText() {
        assertTrue(refused("ID_AM017 Ver1.0").contains("have not been checked against its text"), refused("ID_AM017 Ver1.0"));
    }

    @Test
    void anUncheckedVersionOfASupportedMethodologyIsRefusedNamingTheSupportedOne() {
        String reason = refused("TH_AM001 Ver2.0");
        assertTrue(reason.startsWith("TH_AM001 Ver2.0 is not a version this system computes (it computes TH_AM001 Ver1.0)"), reason);
    }

    @Test
    void freeTextIsNotAMethodology() {
        String reason = refused("JCM_PV");
        assertTrue(reason.startsWith("'JCM_PV' is not a methodology reference") && reason.contains("EN-R-002 Ver3.0 (J-Credit)"), reason);
        assertTrue(refused(null).startsWith("the methodology is required"));
        assertTrue(refused("XX_AM999 Ver1.0").startsWith("XX_AM999 is not a methodology this system computes"));
    }

    @Test
    void aRefusalBecomesTheCallersExceptionWithTheReason() {
        assertEquals("KE_AM002 Ver1.0", Methodologies.resolve("KE_AM002 Ver1.0").orElseThrow(IllegalStateException::new).reference());
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Methodologies.resolve("ID_AM017 Ver1.0").orElseThrow(IllegalStateException::new));
        assertTrue(refused.getMessage().startsWith("ID_AM017 is not computed by this system"), refused.getMessage());
    }
}
