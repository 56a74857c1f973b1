package io.solarmrv.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AnvilNodeTest {
    @Test
    void theAccountsDerivedFromTheNodesMnemonicAreTheOnesItFunds() throws Exception {
        try (AnvilNode anvil = AnvilNode.start()) {
            Matcher accounts = Pattern.compile("0x[0-9a-fA-F]{40}").matcher(anvil.rpc("eth_accounts", "[]"));
            for (int i = 0; i < 10; i++) {
                accounts.find();
                assertEquals(accounts.group().toLowerCase(), anvil.address(i), "account " + i);
            }
        }
    }

    @Test
    void eachNodeHasAccountsOfItsOwn() throws Exception {
        try (AnvilNode one = AnvilNode.start(); AnvilNode other = AnvilNode.start()) {
            assertNotEquals(one.address(0), other.address(0));
        }
    }
}
