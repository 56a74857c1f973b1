package io.solarmrv.creation.programme;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.List;

/**
 * A site's membership of a J-Credit programme-type project (プログラム型): the household or business
 * joins on {@code joinedOn} with its consent to transfer the environmental value to the programme
 * (the SHA-256 of the signed consent document, {@code consentSha256}) and the record of its
 * eligibility ({@code eligibilitySha256}), its own crediting starts on {@code creditingStartOn} (not
 * before it joined), and it leaves at the start of {@code leftOn} (null while it is a member). Its
 * data come from its own meters read by a gateway ({@code metered}), from the utility's smart meter
 * over Route B ({@code route-b}), or from a utility statement ({@code utility-statement}, option B
 * evidence), which the report says.
 */
@Serdeable
public record MemberSite(String siteId, String consentSha256, String eligibilitySha256, LocalDate joinedOn,
                         LocalDate creditingStartOn, @Nullable LocalDate leftOn, String dataSource) {
    public static final List<String> DATA_SOURCES = List.of("metered", "route-b", "utility-statement");

    /** Throws {@link IllegalArgumentException} naming the first field that is wrong. */
    public void check() {
        if (siteId == null || !siteId.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new IllegalArgumentException("'siteId' must be 1-64 letters, digits, '.', '_', ':' or '-', was '" + siteId + "'");
        }
        for (String[] hash : new String[][] {{"consentSha256", consentSha256}, {"eligibilitySha256", eligibilitySha256}}) {
            if (hash[1] == null || !hash[1].matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("'" + hash[0] + "' must be the document's SHA-256, 64 lowercase hex digits, for site "
                        + siteId);
            }
        }
        if (joinedOn == null || creditingStartOn == null) {
            throw new IllegalArgumentException("site " + siteId + " needs 'joinedOn' and 'creditingStartOn' dates");
        }
        if (creditingStartOn.isBefore(joinedOn)) {
            throw new IllegalArgumentException("site " + siteId + ": 'creditingStartOn' " + creditingStartOn + " is before it joined on "
                    + joinedOn);
        }
        if (leftOn != null && !leftOn.isAfter(joinedOn)) {
            throw new IllegalArgumentException("site " + siteId + ": 'leftOn' " + leftOn + " must be after 'joinedOn' " + joinedOn);
        }
        if (dataSource == null || !DATA_SOURCES.contains(dataSource)) {
            throw new IllegalArgumentException("site " + siteId + ": 'dataSource' must be one of " + String.join(", ", DATA_SOURCES)
                    + ", was '" + dataSource + "'");
        }
    }

    /** Whether its membership and another of the same site ({@code joined} until {@code left}, null: open) share a day. */
    boolean overlaps(LocalDate joined, LocalDate left) {
        boolean thisEndsBefore = leftOn != null && !leftOn.isAfter(joined);
        boolean otherEndsBefore = left != null && !left.isAfter(joinedOn);
        return !thisEndsBefore && !otherEndsBefore;
    }
}
