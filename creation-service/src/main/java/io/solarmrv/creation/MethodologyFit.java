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
 *   <li>EN-R-002 computes a battery at a project's site ({@code BatteryEnergy}'s lower bound from its
 *       signed charge and discharge registers), so every battery at those sites must be in the project,
 *       with its rated capacity registered: one left out would let its charge count as self-consumed.</li>
 *   <li>JCM PV ({@link Methodology.Formula#PV_OUTPUT}) refuses a battery in the project or at any of its
 *       sites: PV with storage is its own methodology (ID_AM017), not computed here.</li>
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
        /** The project's generation devices, site meters and batteries, each in the project's order. */
        record Fits(List<String> generation, List<String> siteMeters, List<String> batteries) implements Outcome {
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
            if (device.role() != Role.BATTERY) {
                continue;
            }
            if (methodology.formula() == Methodology.Formula.PV_OUTPUT) {
                return new Outcome.Refused("site " + device.siteId() + " has battery " + device.id() + " registered: " + name
                        + " credits the PV system's AC output and cannot account for a battery (its losses and the energy"
                        + " left in it would count as generated); PV with storage is its own JCM methodology (ID_AM017),"
                        + " not computed here");
            }
            if (!projectDevices.contains(device.id())) {
                return new Outcome.Refused("site " + device.siteId() + " has battery " + device.id() + ", which is not in the"
                        + " project: under " + name + " a battery's charge and discharge are part of the self-consumption"
                        + " (left out, PV charged into it would count as used); add it to the project");
            }
            if (device.capacityWh() == null) {
                return new Outcome.Refused("battery " + device.id() + " has no rated capacity registered: " + name + "'s battery"
                        + " rule withholds it (the most the battery could hold before a period); register it as 'capacityWh'");
            }
        }
        List<String> generation = new ArrayList<>();
        List<String> siteMeters = new ArrayList<>();
        List<String> batteries = new ArrayList<>();
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
                case BATTERY -> batteries.add(id);   // PV_OUTPUT refused every battery above
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
        return new Outcome.Fits(List.copyOf(generation), List.copyOf(siteMeters), List.copyOf(batteries));
    }
}
