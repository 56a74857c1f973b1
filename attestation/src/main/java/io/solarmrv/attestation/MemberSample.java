package io.solarmrv.attestation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The member sites of a programme-type period a verifier visits or asks documents of, drawn so that
 * neither the programme nor the verifier chooses them and anyone redraws the same: the seed is
 * SHA-256("solar-mrv-member-sample/1" || SHA-256 of the period's claim text || the root of the log
 * checkpoint the claim rests on), both fixed on chain when the period was submitted. The population
 * is the members counted in the period, in ascending order of site id, numbered from 0; {@link
 * ReadingSample#drawPositions} draws from those numbers. The sample is listed in site order.
 */
public final class MemberSample {
    private static final byte[] DOMAIN = "solar-mrv-member-sample/1".getBytes(StandardCharsets.US_ASCII);

    private MemberSample() {
    }

    public static byte[] seed(byte[] claimDigest, byte[] claimRoot) {
        return Sha256.hashOf(DOMAIN, claimDigest, claimRoot);
    }

    /** min(size, members) distinct members, in site order. */
    public static List<String> draw(byte[] seed, java.util.Collection<String> members, int size) {
        List<String> ids = members.stream().sorted().distinct().toList();
        List<String> sample = new ArrayList<>();
        for (long drawn : ReadingSample.drawPositions(seed, ids.size(), size)) {
            sample.add(ids.get((int) drawn));
        }
        sample.sort(null);
        return sample;
    }
}
