package io.solarmrv.echonet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Frames byte for byte. The vectors are assembled by hand from the layout of the ECHONET Lite
 * Specification, Part II, 3.2 (format 1): the exchange a HEMS controller has with a low-voltage smart
 * meter over Route B (Get of 0xE7, instantaneous power), and node discovery (Get of the node
 * profile's instance list 0xD6).
 */
class FrameTest {
    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    private static Frame decode(String text) throws MalformedFrameException {
        byte[] bytes = hex(text);
        return Frame.decode(bytes, bytes.length);
    }

    private static String refusal(String text) {
        return assertThrows(MalformedFrameException.class, () -> decode(text)).getMessage();
    }

    @Test
    void aGetOfInstantaneousPowerFromTheSmartMeterAndItsAnswer() throws Exception {
        Frame get = Frame.get(1, EchonetObject.parse("028801"), DeviceClasses.METER_INSTANTANEOUS_W);
        assertEquals("1081 0001 05ff01 028801 62 01 e700".replace(" ", ""), HexFormat.of().formatHex(get.encode()));

        Frame answer = decode("1081 0001 028801 05ff01 72 01 e7 04 000001f8");
        assertEquals(1, answer.tid());
        assertEquals(EchonetObject.parse("028801"), answer.source());
        assertEquals(EchonetObject.CONTROLLER, answer.destination());
        assertEquals(Esv.GET_RES, answer.esv());
        assertEquals(504, answer.property(0xE7).orElseThrow().unsignedValue(), "504 W");
    }

    @Test
    void nodeDiscoveryListsTheNodesInstances() throws Exception {
        Frame get = Frame.get(0x1234, EchonetObject.NODE_PROFILE, DeviceClasses.NODE_INSTANCE_LIST);
        assertArrayEquals(hex("1081 1234 05ff01 0ef001 62 01 d6 00"), get.encode());
        Frame answer = decode("1081 1234 0ef001 05ff01 72 01 d6 0a 03 027901 027d01 028801");
        assertArrayEquals(hex("03 027901 027d01 028801"), answer.property(0xD6).orElseThrow().edt());
    }

    @Test
    void everyFrameDecodesToItselfAndEncodesToItsBytes() throws Exception {
        Frame frame = new Frame(65535, EchonetObject.parse("027d01"), EchonetObject.CONTROLLER, Esv.INF,
                List.of(Property.unsigned(0xA8, 123_456, 4), Property.unsigned(0xA9, 654_321, 4), Property.unsigned(0xE4, 87, 1)));
        byte[] bytes = frame.encode();
        assertEquals(frame, Frame.decode(bytes, bytes.length));
        assertArrayEquals(bytes, Frame.decode(bytes, bytes.length).encode());
    }

    @Test
    void aGetSnaNamesThePropertiesTheDeviceCouldNotAnswerWithoutData() throws Exception {
        Frame sna = decode("1081 0007 027901 05ff01 52 02 e0 02 01f4 e1 00");
        assertEquals(Esv.GET_SNA, sna.esv());
        assertEquals(0, sna.property(0xE1).orElseThrow().edt().length);
    }

    @Test
    void aWrongHeaderIsRefusedByName() {
        assertEquals("EHD1 (offset 0) is 0x11, not 0x10 (ECHONET Lite)", refusal("1181 0001 05ff01 028801 62 01 e700"));
        assertEquals("EHD2 (offset 1) is 0x82, not 0x81 (specified message format 1); the arbitrary format 2 is not used here",
                refusal("1082 0001 05ff01 028801 62 01 e700"));
        assertEquals("11 bytes: shorter than the 12 of a frame's header and first property count", refusal("1081 0001 05ff01 028801 62"));
    }

    @Test
    void anUnknownServiceOrSetGetIsRefused() {
        assertEquals("ESV (offset 10) 0x99 is not a service this codec accepts", refusal("1081 0001 05ff01 028801 99 01 e700"));
        assertEquals("ESV (offset 10) 0x6e is not a service this codec accepts (SetGet carries two property lists; not used here)",
                refusal("1081 0001 05ff01 028801 6e 01 e700"));
    }

    @Test
    void propertyCountsAndLengthsMustMatchTheBytesExactly() {
        assertEquals("OPC (offset 11) is 0: a frame carries at least one property", refusal("1081 0001 05ff01 028801 62 00"));
        assertEquals("OPC says 2 properties but the frame ends (14 bytes) before property 2's EPC and PDC at offset 14",
                refusal("1081 0001 05ff01 028801 62 02 e700"));
        assertEquals("property 1 (EPC 0xe7, offset 12) declares PDC 4 but 3 bytes follow",
                refusal("1081 0001 028801 05ff01 72 01 e7 04 0001f8"));
        assertEquals("1 bytes after the last of the 1 properties (offset 18)", refusal("1081 0001 028801 05ff01 72 01 e7 04 000001f8 00"));
        assertEquals("property 1's EPC (offset 12) is 0x7f, outside 0x80 to 0xFF", refusal("1081 0001 05ff01 028801 62 01 7f00"));
    }

    @Test
    void randomBytesAreEitherAFrameOrAMalformedFrameNeverAnotherFailure() {
        Random random = new Random(20261206);
        int frames = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            if (bytes.length >= 2 && random.nextBoolean()) {   // half of them past the header check, to reach the property parser
                bytes[0] = 0x10;
                bytes[1] = (byte) 0x81;
            }
            if (bytes.length > 10 && random.nextBoolean()) {
                bytes[10] = 0x72;
            }
            try {
                Frame frame = Frame.decode(bytes, bytes.length);
                assertArrayEquals(bytes, frame.encode(), "a frame decoded encodes to its bytes");
                frames++;
            } catch (MalformedFrameException expected) {
                // named refusal
            }
        }
        assertEquals(true, frames > 0, "some random inputs are frames: the parser was reached");
    }
}
