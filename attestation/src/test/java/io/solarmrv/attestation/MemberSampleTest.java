package io.solarmrv.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MemberSampleTest {
    private static final List<String> MEMBERS = IntStream.rangeClosed(1, 500).mapToObj(i -> String.format("home-%04d", i)).toList();
    private static final byte[] CLAIM = Sha256.hash("claim".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    private static final byte[] ROOT = Sha256.hash("root".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    @Test
    void anyoneRedrawsTheSameMembersWhateverOrderTheyAreListedIn() {
        List<String> reversed = new java.util.ArrayList<>(MEMBERS);
        java.util.Collections.reverse(reversed);
        byte[] seed = MemberSample.seed(CLAIM, ROOT);
        assertEquals(MemberSample.draw(seed, MEMBERS, 20), MemberSample.draw(seed, reversed, 20));
    }

    @Test
    void theDrawIsDistinctMembersInSiteOrder() {
        List<String> drawn = MemberSample.draw(MemberSample.seed(CLAIM, ROOT), MEMBERS, 20);
        assertEquals(20, new HashSet<>(drawn).size());
        assertEquals(drawn.stream().sorted().toList(), drawn);
        assertEquals(3, MemberSample.draw(MemberSample.seed(CLAIM, ROOT), List.of("b", "a", "c"), 10).size(), "at most every member");
    }

    @Test
    void anotherClaimOrCheckpointDrawsOtherMembers() {
        List<String> drawn = MemberSample.draw(MemberSample.seed(CLAIM, ROOT), MEMBERS, 20);
        assertNotEquals(drawn, MemberSample.draw(MemberSample.seed(ROOT, ROOT), MEMBERS, 20));
        assertNotEquals(drawn, MemberSample.draw(MemberSample.seed(CLAIM, CLAIM), MEMBERS, 20));
    }
}
