package io.solarmrv.simulators;

import io.solarmrv.simulators.AcceleratedClock;
import io.solarmrv.simulators.ClearSkyPvModel;
import io.solarmrv.simulators.CloudCover;
import io.solarmrv.simulators.CoapMeterServer;
import io.solarmrv.simulators.DailyLoadProfile;
import io.solarmrv.simulators.Fault;
import io.solarmrv.simulators.FaultInjectingInverter;
import io.solarmrv.simulators.InverterMeter;
import io.solarmrv.simulators.Fleet;
import io.solarmrv.simulators.HoldingRegisters;
import io.solarmrv.simulators.MeasuredPowerProfile;
import io.solarmrv.simulators.ModbusRtuServer;
import io.solarmrv.simulators.ModbusTcpServer;
import io.solarmrv.simulators.PlaneOfArrayPvModel;
import io.solarmrv.simulators.PowerProfile;
import io.solarmrv.simulators.SimulatedChiller;
import io.solarmrv.simulators.SimulatedInverter;
import io.solarmrv.simulators.SimulatedSiteMeter;
import io.solarmrv.simulators.SunSpecMeterRegisters;
import io.solarmrv.attestation.SolarGeometry;
import io.solarmrv.simulators.SunSpecInverterRegisters;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Serves simulated SunSpec inverters over Modbus TCP until interrupted. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Serves clear-sky PV inverters as SunSpec devices (models 1 and 103) over Modbus TCP on 127.0.0.1, unit ids 1..n.")
public final class SimCommand implements Callable<Integer> {
    /** Starts this command alone, without the launcher: its options, its exit status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SimCommand()).execute(args));
    }

    @Option(names = "--port", defaultValue = "5020", description = "Modbus TCP port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--lat", defaultValue = "35.68", description = "Site latitude (default: ${DEFAULT-VALUE})")
    double latitude;

    @Option(names = "--lon", defaultValue = "139.77", description = "Site longitude (default: ${DEFAULT-VALUE})")
    double longitude;

    @Option(names = "--nameplate-w", split = ",", defaultValue = "5000",
            description = "AC nameplate of each inverter in W, comma-separated (default: ${DEFAULT-VALUE})")
    List<Long> nameplatesW;

    @Option(names = "--start", description = "Simulated start instant (default: now)")
    Instant start;

    @Option(names = "--speed", defaultValue = "1", description = "Simulated seconds per wall second (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--fleet", description = {"Serve this many inverters instead (load tests): 247 per port from --port on,",
        "nameplates spread 80-120%% of the first --nameplate-w; ids fleet-00000.."})
    Integer fleet;

    @Option(names = "--fleet-devices-file", description = "With --fleet: write the devices as 'mrv agent --device' takes them to this file")
    Path fleetDevicesFile;

    @Option(names = "--replay", description = {"Drive every inverter from a measured AC power CSV (timestamp, watts) instead of",
        "clear-sky physics, its first sample at --start; 'serf-east' is the bundled NREL PVDAQ series"})
    String replay;

    @Option(names = "--site-load-w", split = ",", description = {"Also serve the site's grid meter (SunSpec model 203, import and",
        "export registers) on the next unit id, behind which the inverters feed a load of BASE,WORKING W (working hours",
        "08:00-18:00 at the site's time zone, --zone), e.g. 5000,35000; what J-Credit EN-R-002's export comes from"})
    List<Long> siteLoadW;

    @Option(names = "--tilt", description = {"Model a tilted array instead of clear-sky GHI: beam/diffuse split (Erbs),",
        "plane-of-array transposition, NOCT cell temperature and -0.4 %%/C, DC rating 1.1 x the AC nameplate (degrees)"})
    Double tilt;

    @Option(names = "--azimuth", defaultValue = "180", description = "With --tilt: the direction the array faces, from north (default: ${DEFAULT-VALUE})")
    double azimuth;

    @Option(names = "--clouds", description = "With --tilt: stochastic clouds from this seed (reproducible)")
    Long cloudSeed;

    @Option(names = "--cloudiness", defaultValue = "0.3", description = "With --clouds: mean share of cloudy 10-minute blocks (default: ${DEFAULT-VALUE})")
    double cloudiness;

    @Option(names = "--ambient-c", split = ",", defaultValue = "20,30", description = "With --tilt: the day's low and high air temperature, C (default: ${DEFAULT-VALUE})")
    List<Double> ambientC;

    @Option(names = "--chiller", split = ",", description = {"Also serve a chiller's electricity meter (SunSpec model 203, import",
        "register) on the next unit id: CAPACITY_W,RATED_COP, e.g. 250000,6.0; its cooling demand is --cooling-load-w"})
    List<Double> chiller;

    @Option(names = "--cooling-load-w", split = ",", defaultValue = "100000,200000",
            description = "With --chiller: cooling demand BASE,WORKING thermal W, working hours 08:00-18:00 (default: ${DEFAULT-VALUE})")
    List<Long> coolingLoadW;

    @Option(names = "--coap-meter-port", description = {"Also serve a meter that speaks CoAP on this UDP port: GET/observe",
        "coap://127.0.0.1:<port>/meter, SenML-CBOR energy (Wh) and power (W), a notification every 10 s of wall time;",
        "driven like the first inverter"})
    Integer coapMeterPort;

    @Option(names = "--echonet-port", arity = "0..1", fallbackValue = "3610", description = {"Also serve a Japanese home over ECHONET",
        "Lite on this UDP port of 127.0.0.1 (3610 when given without a port): a PV power conditioner 027901 driven like the",
        "first inverter, a low-voltage smart meter 028801 behind it and a household load (300 W, 800 W 07:00-22:00 at --zone)"})
    Integer echonetPort;

    @Option(names = "--echonet-battery", description = "With --echonet-port: the home also has a storage battery 027D01 (6.5 kWh, 2 kW)")
    boolean echonetBattery;

    @Option(names = "--faults", description = {"A fault script: one fault per line, UNIT KIND FROM UNTIL [MAGNITUDE] (e.g. '1 SPIKE",
        "2026-06-21T03:30:00Z 2026-06-21T03:31:00Z 3'; # starts a comment); each fault's ground truth is printed when it first shows"})
    Path faults;

    @Option(names = "--rtu", description = {"Also serve the same units over Modbus RTU on this serial port, 8N1: PORT[:BAUD]",
        "(default baud 19200), e.g. /dev/ttyUSB0, or one end of a socat pty pair for testing"})
    String rtu;

    @Option(names = "--zone", defaultValue = "Asia/Tokyo", description = "The site's time zone, for its working hours (default: ${DEFAULT-VALUE})")
    java.time.ZoneId zone;

    @Override
    public Integer call() throws Exception {
        Clock clock = speed == 1 && start == null ? Clock.systemUTC()
                : new AcceleratedClock(start != null ? start : Instant.now(), null, speed);
        SolarGeometry site = new SolarGeometry(latitude, longitude);
        if (fleet != null) {
            return serveFleet(clock, site);
        }
        Map<Integer, HoldingRegisters> units = new LinkedHashMap<>();
        Map<Integer, List<Fault>> script = faults == null ? Map.of() : faultScript(faults, nameplatesW.size());
        List<PowerProfile> profiles = new java.util.ArrayList<>();
        for (int i = 0; i < nameplatesW.size(); i++) {
            PowerProfile profile = replay != null ? measured(replay, nameplatesW.get(i)).startingAt(clock.instant())
                    : tilt != null ? tilted(site, nameplatesW.get(i)) : new ClearSkyPvModel(site, nameplatesW.get(i), 0.85);
            profiles.add(profile);
            SimulatedInverter inverter = new SimulatedInverter("SN-" + (i + 1), profile, clock, 0);
            List<Fault> scripted = script.getOrDefault(i + 1, List.of());
            InverterMeter served = scripted.isEmpty() ? inverter
                    : new FaultInjectingInverter(inverter, scripted).onFault(line -> System.out.println("FAULT " + line));
            units.put(i + 1, new SunSpecInverterRegisters(served, "solar-mrv", "sim-inverter"));
        }
        String meterNote = "";
        if (siteLoadW != null) {
            if (siteLoadW.size() != 2 || siteLoadW.get(0) < 0 || siteLoadW.get(1) < 0) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--site-load-w takes BASE,WORKING watts, e.g. 5000,35000");
            }
            PowerProfile allPv = new PowerProfile() {
                @Override
                public double powerW(Instant instant) {
                    return profiles.stream().mapToDouble(p -> p.powerW(instant)).sum();
                }

                @Override
                public long nameplateW() {
                    return profiles.stream().mapToLong(PowerProfile::nameplateW).sum();
                }
            };
            SimulatedSiteMeter meter = new SimulatedSiteMeter("SITE-1", allPv,
                    new DailyLoadProfile(siteLoadW.get(0), siteLoadW.get(1), 8, 18, zone), clock, 0, 0);
            units.put(units.size() + 1, new SunSpecMeterRegisters(meter, "solar-mrv", "sim-site-meter"));
            meterNote = "; the site meter is unit " + units.size();
        }
        if (chiller != null) {
            if (chiller.size() != 2 || coolingLoadW.size() != 2) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--chiller takes CAPACITY_W,RATED_COP (e.g. 250000,6.0) and --cooling-load-w BASE,WORKING");
            }
            SimulatedChiller simulated = new SimulatedChiller("CH-1", new DailyLoadProfile(coolingLoadW.get(0), coolingLoadW.get(1),
                    8, 18, zone), chiller.get(0), chiller.get(1), clock, 0);
            units.put(units.size() + 1, new SunSpecMeterRegisters(simulated, "solar-mrv", "sim-chiller-meter"));
            meterNote += "; the chiller's meter is unit " + units.size();
        }
        CoapMeterServer coapMeter = null;
        if (coapMeterPort != null) {
            coapMeter = new CoapMeterServer(coapMeterPort, new SimulatedInverter("SN-COAP-1", profiles.get(0), clock, 0),
                    java.time.Duration.ofSeconds(10));
            meterNote += "; a CoAP meter at coap://127.0.0.1:" + coapMeter.port() + "/meter";
        }
        io.solarmrv.simulators.EchonetNode home = null;
        if (echonetPort != null) {
            home = io.solarmrv.simulators.EchonetHome.start(echonetPort, "HOME-1", profiles.get(0),
                    io.solarmrv.simulators.EchonetHome.householdLoad(zone), clock, echonetBattery);
            meterNote += "; a home on ECHONET Lite at 127.0.0.1:" + home.port() + " (027901 PV power conditioner"
                    + (echonetBattery ? ", 027d01 storage battery" : "") + ", 028801 smart meter)";
        }
        ModbusRtuServer rtuServer = null;
        if (rtu != null) {
            String[] portAndBaud = rtu.split(":");
            rtuServer = new ModbusRtuServer(portAndBaud[0], portAndBaud.length > 1 ? Integer.parseInt(portAndBaud[1]) : 19_200, units);
            meterNote += "; the same units over Modbus RTU on " + rtu;
        }
        try (ModbusTcpServer server = new ModbusTcpServer(port, units); CoapMeterServer closing = coapMeter;
             ModbusRtuServer closingRtu = rtuServer; io.solarmrv.simulators.EchonetNode closingHome = home) {
            System.out.println("Serving " + nameplatesW.size() + " SunSpec inverter(s) on 127.0.0.1:" + server.port()
                    + " (unit ids 1.." + nameplatesW.size() + ")" + meterNote + "; Ctrl-C stops.");
            Thread.currentThread().join();
        }
        return 0;
    }

    /** The fault script, by unit id; a bad line stops the simulator naming the line and what was wrong. */
    private Map<Integer, List<Fault>> faultScript(Path file, int inverters) throws IOException {
        Map<Integer, List<Fault>> byUnit = new java.util.HashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] unitAndFault = line.split("\\s+", 2);
            try {
                int unit = Integer.parseInt(unitAndFault[0]);
                if (unit < 1 || unit > inverters || unitAndFault.length < 2) {
                    throw new IllegalArgumentException("the unit must be an inverter's, 1.." + inverters + ", followed by the fault");
                }
                byUnit.computeIfAbsent(unit, u -> new java.util.ArrayList<>()).add(Fault.parse(unitAndFault[1]));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), file + " line " + (n + 1) + ": "
                        + (e instanceof NumberFormatException ? "'" + unitAndFault[0] + "' is not a unit id" : e.getMessage()));
            }
        }
        return byUnit;
    }

    private PlaneOfArrayPvModel tilted(SolarGeometry site, long nameplateW) {
        if (ambientC.size() != 2) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--ambient-c takes MIN,MAX, e.g. 20,30");
        }
        CloudCover clouds = cloudSeed == null ? CloudCover.CLEAR : new CloudCover(cloudSeed, cloudiness);
        return new PlaneOfArrayPvModel(site, tilt, azimuth, nameplateW * 11 / 10, nameplateW, clouds, ambientC.get(0), ambientC.get(1), zone);
    }

    private int serveFleet(Clock clock, SolarGeometry site) throws Exception {
        long nameplate = nameplatesW.get(0);
        try (Fleet devices = Fleet.start(fleet, port, i -> {
            long spread = nameplate * (80 + (i * 37L) % 41) / 100;             // 80..120 %, deterministic
            PowerProfile profile = new ClearSkyPvModel(site, spread, 0.85);
            return new SunSpecInverterRegisters(new SimulatedInverter("SN-" + Fleet.deviceId(i), profile, clock, 0),
                    "solar-mrv", "sim-inverter");
        })) {
            int last = devices.members().get(devices.members().size() - 1).port();
            System.out.println("Serving a fleet of " + fleet + " SunSpec inverters on 127.0.0.1:" + devices.members().get(0).port()
                    + ".." + last + " (" + Fleet.UNITS_PER_PORT + " unit ids per port) at " + speed + "x real time; Ctrl-C stops.");
            if (fleetDevicesFile != null) {
                Files.writeString(fleetDevicesFile, devices.agentDevices() + "\n");
                System.out.println("Devices for 'mrv agent --device': " + fleetDevicesFile);
            }
            Thread.currentThread().join();
        }
        return 0;
    }

    private static MeasuredPowerProfile measured(String source, long nameplateW) throws IOException {
        try (Reader csv = source.equals("serf-east")
                ? new InputStreamReader(SimCommand.class.getResourceAsStream("/pv/serf_east_15min_ac_power.csv"), StandardCharsets.UTF_8)
                : Files.newBufferedReader(Path.of(source), StandardCharsets.UTF_8)) {
            return MeasuredPowerProfile.fromCsv(csv, nameplateW);
        }
    }
}
