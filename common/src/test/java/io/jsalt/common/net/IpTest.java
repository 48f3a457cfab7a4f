package io.jsalt.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpTest {
    /** Also the DNS hub's AAAA records, which print through the same code. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "fe80:0:0:0:fc:ff:fe00:1 | fe80::fc:ff:fe00:1",
        "0:0:0:0:0:0:0:1         | ::1",
        "2001:db8:0:0:1:0:0:1    | 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1    | 2001:db8:0:1:1:1:1:1",
        "0:0:0:0:0:0:0:0         | ::",
        "2001:db8:0:0:0:0:0:7    | 2001:db8::7",
        "fd00:1:0:1:0:0:0:0      | fd00:1:0:1::",
    })
    void ipv6IsCompressedAsPythonPrintsIt(String literal, String printed) {
        assertEquals(printed, Ip.normalize(literal));
    }

    @Test
    void addressesSortNumericallyNotAsText() {
        List<String> l = new ArrayList<>(List.of("10.0.0.10", "127.0.0.1", "10.0.0.9", "9.1.1.1"));
        l.sort(Ip.ORDER);
        assertEquals(List.of("9.1.1.1", "10.0.0.9", "10.0.0.10", "127.0.0.1"), l);
    }

    @Test
    void strictNetworkRejectsHostBitsLenientClearsThem() {
        assertThrows(IllegalArgumentException.class, () -> Ip.Network.parse("10.0.0.1/24", true));
        assertEquals("10.0.0.0/24", Ip.Network.parse("10.0.0.1/255.255.255.0", false).toString());
        assertTrue(Ip.Network.parse("10.0.0.0/8", true).contains("10.200.3.4"));
        assertFalse(Ip.Network.parse("10.0.0.0/8", true).contains("11.0.0.1"));
        assertFalse(Ip.Network.parse("10.0.0.0/8", true).contains("::1"));
    }

    @Test
    void hostNamesAreNotAddresses() {
        assertFalse(Ip.isAddress("example.org"));
        assertFalse(Ip.isAddress("1.2.3"));
        assertEquals("255.255.240.0", Ip.netmask(20));
    }
}
