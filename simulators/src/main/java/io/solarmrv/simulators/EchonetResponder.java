package io.solarmrv.simulators;

import io.solarmrv.echonet.DeviceClasses;
import io.solarmrv.echonet.EchonetObject;
import io.solarmrv.echonet.Esv;
import io.solarmrv.echonet.Frame;
import io.solarmrv.echonet.Property;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a node's objects answer a request, whatever carries it (UDP, {@link EchonetNode}; Route B,
 * {@link RouteBDongle}): the node profile (0x0EF001) answers node discovery with the instance list
 * (0xD6); each hosted {@link EchonetDevice} answers a Get with a Get_Res, or a Get_SNA naming
 * (without data) the properties it does not have; Set and INF requests get their SNA; responses,
 * notifications and requests to objects the node does not host get no answer.
 */
final class EchonetResponder {
    private final Map<EchonetObject, EchonetDevice> devices = new LinkedHashMap<>();

    EchonetResponder(List<EchonetDevice> hosted) {
        if (hosted.isEmpty() || hosted.size() > 84) {
            throw new IllegalArgumentException("a node hosts 1 to 84 device objects (one instance list), was " + hosted.size());
        }
        for (EchonetDevice device : hosted) {
            if (devices.putIfAbsent(device.object(), device) != null) {
                throw new IllegalArgumentException("two devices at EOJ " + device.object());
            }
        }
    }

    /** The answer to a request, if it gets one (responses and notifications sent to the node get none). */
    Optional<Frame> answer(Frame request, boolean nothingAvailable) {
        EchonetObject target = request.destination();
        if (target.equals(EchonetObject.NODE_PROFILE) && request.esv() == Esv.GET) {
            List<Property> answered = new ArrayList<>();
            boolean all = true;
            for (Property asked : request.properties()) {
                if (asked.epc() == DeviceClasses.NODE_INSTANCE_LIST && !nothingAvailable) {
                    answered.add(new Property(asked.epc(), instanceList()));
                } else {
                    answered.add(Property.request(asked.epc()));
                    all = false;
                }
            }
            return Optional.of(new Frame(request.tid(), target, request.source(), all ? Esv.GET_RES : Esv.GET_SNA, answered));
        }
        EchonetDevice device = devices.get(target);
        if (device == null) {
            return Optional.empty();   // not an object of this node: a device stays silent
        }
        return switch (request.esv()) {
            case GET -> {
                List<Property> answered = new ArrayList<>();
                boolean all = true;
                for (Property asked : request.properties()) {
                    Optional<Property> value = nothingAvailable ? Optional.empty() : device.get(asked.epc());
                    answered.add(value.orElse(Property.request(asked.epc())));
                    all &= value.isPresent();
                }
                yield Optional.of(new Frame(request.tid(), target, request.source(), all ? Esv.GET_RES : Esv.GET_SNA, answered));
            }
            case SET_C -> Optional.of(new Frame(request.tid(), target, request.source(), Esv.SET_C_SNA, request.properties()));
            case SET_I -> Optional.of(new Frame(request.tid(), target, request.source(), Esv.SET_I_SNA, request.properties()));
            case INF_REQ -> Optional.of(new Frame(request.tid(), target, request.source(), Esv.INF_SNA, request.properties()));
            default -> Optional.empty();
        };
    }

    private byte[] instanceList() {
        byte[] list = new byte[1 + 3 * devices.size()];
        list[0] = (byte) devices.size();
        int at = 1;
        for (EchonetObject object : devices.keySet()) {
            list[at++] = (byte) object.classGroup();
            list[at++] = (byte) object.classCode();
            list[at++] = (byte) object.instance();
        }
        return list;
    }
}
