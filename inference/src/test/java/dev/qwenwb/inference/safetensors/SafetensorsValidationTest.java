package dev.qwenwb.inference.safetensors;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a safetensors file can be broken ends in a SafetensorsException that says how, never a crash. */
class SafetensorsValidationTest {

    @TempDir
    Path tmp;

    private Path file(byte[] bytes) throws IOException {
        return Files.write(tmp.resolve("m.safetensors"), bytes);
    }

    /** 8-byte length, header, then {@code dataBytes} zero bytes. */
    private Path withHeader(String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return file(b.array());
    }

    private static AbstractThrowableAssert<?, ?> refused(Path file) {
        return assertThatThrownBy(() -> SafetensorsFile.open(file).close())
                .isInstanceOf(SafetensorsException.class)
                .hasMessageStartingWith(file.toString());
    }

    @Test
    void fileShorterThanTheLengthPrefix() throws IOException {
        refused(file(new byte[] {1, 2, 3})).hasMessageContaining("3 bytes").hasMessageContaining("at least 8");
    }

    @Test
    void absurdHeaderLength() throws IOException {
        byte[] b = new byte[16];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 5_000_000_000L);
        refused(file(b)).hasMessageContaining("header too large");
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);
        refused(file(b)).hasMessageContaining("header too large");
    }

    @Test
    void headerLongerThanTheFile() throws IOException {
        byte[] b = new byte[20];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1000);
        refused(file(b)).hasMessageContaining("truncated").hasMessageContaining("file has 20");
    }

    @Test
    void headerThatIsNotJson() throws IOException {
        refused(withHeader("{\"a\": {\"dtype\": \"F32\", garbage", 0)).hasMessageContaining("not valid JSON");
        refused(withHeader("[1, 2]", 0)).hasMessageContaining("not a JSON object");
    }

    @Test
    void unknownDtypeIsNamedWithTheSupportedOnes() throws IOException {
        refused(withHeader("{\"ids\": {\"dtype\": \"I64\", \"shape\": [2], \"data_offsets\": [0, 16]}}", 16))
                .hasMessageContaining("'ids'").hasMessageContaining("I64").hasMessageContaining("F32, F16, BF16");
    }

    @Test
    void offsetsInconsistentWithDtypeAndShape() throws IOException {
        refused(withHeader("{\"w\": {\"dtype\": \"BF16\", \"shape\": [2, 3], \"data_offsets\": [0, 10]}}", 16))
                .hasMessageContaining("'w'").hasMessageContaining("needs 12");
        refused(withHeader("{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [8, 4]}}", 16))
                .hasMessageContaining("'w'");
        refused(withHeader("{\"w\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 4]}}", 16))
                .hasMessageContaining("shape");
        refused(withHeader("{\"w\": {\"dtype\": \"F32\", \"shape\": [1]}}", 16))
                .hasMessageContaining("data_offsets");
    }

    @Test
    void dataBeyondTheEndOfTheFile() throws IOException {
        String header = "{\"w\": {\"dtype\": \"F32\", \"shape\": [4, 4], \"data_offsets\": [0, 64]}}";
        Path f = withHeader(header, 40);
        long size = Files.size(f);
        refused(f).hasMessageContaining("truncated: expected at least " + (size + 24) + " bytes, file has " + size);
    }

    @Test
    void badMetadata() throws IOException {
        refused(withHeader("{\"__metadata__\": {\"format\": 1}}", 0)).hasMessageContaining("__metadata__");
    }

    @Test
    void missingFile() {
        refused(tmp.resolve("none.safetensors")).hasMessageContaining("not found");
    }
}
