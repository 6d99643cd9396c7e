package dev.exitguard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TyposTest {

    @ParameterizedTest
    @CsvSource({"--port, --port, 0", "--prot, --port, 1", "--Port, --port, 1", "--por, --port, 1",
            "--portt, --port, 1", "--pot, --port, 1", "--exit-aftr, --exit-after, 1", "--xyz, --port, 4",
            "'', --port, 6", "--clinets, --clients, 1", "ab, ba, 1", "abc, ca, 3"})
    void countsInsertionsDeletionsReplacementsAndSwaps(String a, String b, int expected) {
        assertEquals(expected, Typos.distance(a, b));
        assertEquals(expected, Typos.distance(b, a));
    }
}
