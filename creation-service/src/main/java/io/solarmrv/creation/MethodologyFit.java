package io.solarmrv.creation;

import io.solarmrv.attestation.methodology.Methodology;
import io.solarmrv.creation.registry.Device;
import io.solarmrv.creation.registry.Device.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a methodology can compute a project's devices as the registry knows them: every role
 * comes from the registry, never from what the readings happen to contain, and whatever the
 * methodology cannot account for is a refusal naming it, not a figure that could overstate.
 *
 * <ul>
 *   <li>Both solar methodologies refuse a battery in the project or at any of its sites: EN-R-002 counts
 *       PV electricity stored and used on site but not the battery's losses or what is left in it, and
 *       JCM PV-with-storage is its own methodology (ID_AM017); until battery terms are computed from
 *       signed charge and discharge readings, such sites are refused.</li>
 *   <li>Metered equipment (chillers) has no place in a solar methodology.</li>
 *   <li>JCM PV ({@link Methodology.Formula#PV_OUTPUT}) credits the PV system's AC output: generation
 *       devices only.</li>
 *   <li>EN-R-002 ({@link Methodology.Formula#SELF_CONSUMED_PV}) subtracts what every site meter exported:
 *       at least one generation device and one site meter, all of them in the computation.</li>
 * </ul>
 * At registration devices may not be onboarded yet, so only what is registered is checked; a report
 * needs every project device in the registry.
 */
public final class MethodologyFit {
    private MethodologyFit() {
    }

    /** The outcome: the devices by role, or why the methodology cannot compute them. */
    public sealed interface Outcome {
        /** The project's generation devices and site meters, each in the project's order. */
        record Fits(List<String> generation, List<String> siteMeters) implements Outcome {
        }

        record Refused(String reason) implements Outcome {
        }
    }

    /**
     * @param projectDevices the project's device ids
     * @param registered     the registered devices among them and every other device at their sites
     * @param complete       true for a report: every project device must be registered
     */
    public static Outcome check(Methodology methodology, List<String> projectDevices, Map<String, Device> registered,
                                boolean complete) {
        String name = methodology.reference();
        for (Device device : registered.values()) {
            if (device.role() == Role.BATTERY) {
                return new Outcome.Refused("site " + device.siteId() + " has battery " + device.id() + " registered: " + name
                        + " cannot yet account for a battery (its losses and the energy left in it would count as"
                        + " " + (methodology.formula() == Methodology.Formula.SELF_CONSUMED_PV ? "self-consumed" : "generated")
                        + "); battery terms are not computed from signed charge and discharge readings yet, so sites with"
                        + " batteries are refused");
            }
        }
        List<String> generation = new ArrayList<>();
        List<String> siteMeters = new ArrayList<>();
        for (String id : projectDevices) {
            Device device = registered.get(id);
            if (device == null) {
                if (complete) {
                    return new Outcome.Refused("device " + id + " is not in the registry, so its role (generation, site meter,"
                            + " battery) is unknown: onboard it with its kind (POST /devices) before a report is computed");
                }
                continue;
            }
            switch (device.role()) {
                case GENERATION -> generation.add(id);
                case SITE -> {
                    if (methodology.formula() == Methodology.Formula.PV_OUTPUT) {
                        return new Outcome.Refused("device " + id + " is a site meter: " + name + " credits the PV system's AC"
                                + " output, measured by its inverters or generation meters; list only those");
                    }
                    siteMeters.add(id);
                }
                case EQUIPMENT -> {
                    return new Outcome.Refused("device " + id + " is a " + device.kind() + ": " + name
                            + " computes solar PV generation, not metered equipment");
                }
                case BATTERY -> throw new AssertionError("batteries are refused above");
            }
        }
        if (complete && generation.isEmpty()) {
            return new Outcome.Refused("the project has no generation device (inverter or generation meter): " + name
                    + " credits PV generation");
        }
        if (complete && methodology.formula() == Methodology.Formula.SELF_CONSUMED_PV && siteMeters.isEmpty()) {
            return new Outcome.Refused("the project has no site meter: under " + name + " only self-consumed electricity counts"
                    + " (generation minus export), so every grid connection's meter is needed; register it as kind"
                    + " 'site-meter' and add it to the project");
        }
        return new Outcome.Fits(List.copyOf(generation), List.copyOf(siteMeters));
    }
}
