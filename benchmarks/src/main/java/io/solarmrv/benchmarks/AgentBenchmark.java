package io.solarmrv.benchmarks;

import io.solarmrv.attestation.ClockSync;
import io.solarmrv.attestation.GatewayKey;
import io.solarmrv.attestation.Reading;
import io.solarmrv.attestation.SignedReading;
import io.solarmrv.edge.DeviceEndpoint;
import io.solarmrv.edge.DeviceException;
import io.solarmrv.edge.SunSpecModbusReader;
import io.solarmrv.edge.store.ReadingStore;
import io.solarmrv.simulators.ClearSkyPvModel;
import io.solarmrv.simulators.ModbusTcpServer;
import io.solarmrv.simulators.SimulatedInverter;
import io.solarmrv.attestation.SolarGeometry;
import io.solarmrv.simulators.SunSpecInverterRegisters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The edge agent's hot path on one thread: a SunSpec poll over Modbus TCP (loopback simulator),
 * building and signing the reading, and the fsynced append to the store; and the append alone.
 * Compare the append with {@code dd if=/dev/zero of=F bs=300 count=N oflag=dsync} on the same disk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AgentBenchmark {
    private Path directory;
    private ReadingStore store;
    private ModbusTcpServer modbus;
    private SunSpecModbusReader reader;
    private GatewayKey key;
    private byte[] stored;
    private long sequence;
    private final byte[] salt = new byte[Reading.SALT_LENGTH];

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("agent-bench");
        store = ReadingStore.open(directory, 1L << 34, 64L << 20);
        SimulatedInverter inverter = new SimulatedInverter("SN-1",
                new ClearSkyPvModel(new SolarGeometry(35.68, 139.77), 5_000, 0.85), Clock.systemUTC(), 0);
        modbus = new ModbusTcpServer(0, Map.of(1, new SunSpecInverterRegisters(inverter, "solar-mrv", "bench")));
        reader = new SunSpecModbusReader(new DeviceEndpoint.ModbusTcp("inv-1", "127.0.0.1", modbus.port(), 1), 2000);
        key = GatewayKey.generate(new SecureRandom());
        stored = SignedReading.sign(reading(1, 0), key).toWire();
    }

    private Reading reading(long energyWh, long powerW) {
        new SecureRandom().nextBytes(salt);
        return new Reading("inv-1", "SN-1", sequence++, System.currentTimeMillis(), energyWh, null, powerW, ClockSync.NTP,
                0, Reading.genesisHash(), salt);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        reader.close();
        modbus.close();
        store.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Store append of a ~290-byte signed reading, fsynced each time. */
    @Benchmark
    public long storeAppendFsync() throws IOException {
        return store.append(stored);
    }

    /** Poll over Modbus TCP + build + sign + fsynced append: one reading through the agent. */
    @Benchmark
    public long pollSignStore() throws DeviceException, IOException {
        SunSpecModbusReader.Measurement m = reader.read();
        return store.append(SignedReading.sign(reading(m.energyRegisterWh(), m.powerW()), key).toWire());
    }
}
