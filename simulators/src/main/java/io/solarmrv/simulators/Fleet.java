package io.solarmrv.simulators;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Many simulated devices for load tests: {@value #UNITS_PER_PORT} per Modbus TCP port (unit ids 1
 * to 247, Modbus's addressable range), as many ports as it takes. Device {@code i} (from 0) is
 * {@code fleet-<i, 5 digits>}. Run it faster than real time by giving the devices an {@link
 * AcceleratedClock}.
 */
public final class Fleet implements AutoCloseable {
    public static final int UNITS_PER_PORT = 247;

    /** Where one device of the fleet answers. */
    public record Member(String deviceId, int port, int unitId) {
    }

    private final List<ModbusTcpServer> servers;
    private final List<Member> members;

    private Fleet(List<ModbusTcpServer> servers, List<Member> members) {
        this.servers = servers;
        this.members = members;
    }

    /**
     * Starts {@code size} devices made by {@code device} (given each device's index), on ports
     * {@code firstPort}, {@code firstPort + 1}, ... (0: each port chosen by the system).
     */
    public static Fleet start(int size, int firstPort, IntFunction<HoldingRegisters> device) throws IOException {
        if (size < 1) {
            throw new IllegalArgumentException("a fleet has at least one device, was " + size);
        }
        List<ModbusTcpServer> servers = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        try {
            for (int first = 0; first < size; first += UNITS_PER_PORT) {
                Map<Integer, HoldingRegisters> units = new LinkedHashMap<>();
                for (int i = first; i < Math.min(size, first + UNITS_PER_PORT); i++) {
                    units.put(i - first + 1, device.apply(i));
                }
                ModbusTcpServer server = new ModbusTcpServer(firstPort == 0 ? 0 : firstPort + servers.size(), units);
                servers.add(server);
                for (int unit = 1; unit <= units.size(); unit++) {
                    members.add(new Member(deviceId(first + unit - 1), server.port(), unit));
                }
            }
        } catch (IOException | RuntimeException e) {
            closeAll(servers);
            throw e;
        }
        return new Fleet(servers, members);
    }

    public static String deviceId(int index) {
        return String.format("fleet-%05d", index);
    }

    public List<Member> members() {
        return members;
    }

    /** The devices as {@code mrv agent --device} takes them: {@code id=host:port:unit}, comma-separated. */
    public String agentDevices() {
        return members.stream().map(m -> m.deviceId() + "=127.0.0.1:" + m.port() + ":" + m.unitId()).collect(Collectors.joining(","));
    }

    @Override
    public void close() throws IOException {
        closeAll(servers);
    }

    /** Closes every server, even when one fails to close; the first failure is thrown after. */
    private static void closeAll(List<ModbusTcpServer> servers) throws IOException {
        IOException first = null;
        for (ModbusTcpServer server : servers) {
            try {
                server.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
