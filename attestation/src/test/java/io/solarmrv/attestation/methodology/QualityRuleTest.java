package io.solarmrv.attestation.methodology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.JcmSolarPv;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QualityRuleTest {
    @Test
    void theVoidingRulesAreTheFourThatDoubtTheMeterOrTheKey() {
        assertEquals(Set.of("stale", "out_of_range", "register_jump", "key_revoked"), JcmSolarPv.VOIDING_RULES);
    }

    @Test
    void clippingAndAfterGapAreTagsEveryOtherRuleAFault() {
        assertEquals(Set.of("clipping", "after_gap"), JcmSolarPv.TAG_RULES);
        assertTrue(QualityRule.ids(rule -> rule.kind() == QualityRule.Kind.TAG && rule.voidsEnergy()).isEmpty(), "a tag voids nothing");
    }

    @Test
    void aRuleIsFoundByItsStoredName() {
        assertEquals(QualityRule.REGISTER_POWER_MISMATCH, QualityRule.of("register_power_mismatch").orElseThrow());
        assertTrue(QualityRule.of("no_such_rule").isEmpty());
    }
}
