package io.jsalt.common.match;

import static io.jsalt.common.match.Minions.minion;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpCidrTargetTest {
    private final Matcher matcher = new Matcher();

    private static final MinionData WEB1 = minion("web1", """
            ipv4: [127.0.0.1, 10.1.2.3, 192.168.0.17]
            ipv6: ['::1', '2001:db8:10::5', 'fe80::a00:27ff:fe4e:66a1']
            """);
    private static final MinionData NO_ADDRS = minion("bare", "os: Debian");

    private boolean ip(String tgt, MinionData m) {
        return matcher.matches(tgt, TargetType.IPCIDR, m);
    }

    /**
     * One row an ipcidr target and whether WEB1 matches it: a network matches when any of
     * the minion's addresses is inside (salt/matchers/ipcidr_match.py).
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # IPv4 networks.
            10.0.0.0/8                | true
            192.168.0.16/28           | true
            192.168.0.0/28            | false
            172.16.0.0/12             | false
            0.0.0.0/0                 | true
            # An IPv4 address matches exactly.
            10.1.2.3                  | true
            10.1.2.3/32               | true
            10.1.2.4                  | false
            # Netmask and hostmask forms.
            10.1.0.0/255.255.0.0      | true
            10.1.0.0/0.0.255.255      | true
            10.2.0.0/255.255.0.0      | false
            # IPv6 networks and addresses.
            2001:db8::/32             | true
            2001:db8:10::/48          | true
            2001:db8:11::/48          | false
            fe80::/10                 | true
            2001:DB8:10:0:0:0:0:5     | true
            ::1                       | true
            ::2                       | false
            """)
    void web1(String target, boolean matches) {
        assertEquals(matches, ip(target, WEB1));
    }

    @Test
    void ipv4TargetsNeverMatchIpv6AddressesAndViceVersa() {
        MinionData only6 = minion("v6", "ipv6: ['::ffff:10.1.2.3']");
        assertFalse(ip("10.0.0.0/8", only6));
        assertTrue(ip("::ffff:10.0.0.0/104", only6));
        assertFalse(ip("::/0", minion("v4", "ipv4: [10.1.2.3]")));
    }

    @Test
    void minionWithoutAddressGrainsDoesNotMatch() {
        assertFalse(ip("0.0.0.0/0", NO_ADDRS));
    }

    @Test
    void unparsableAddressesInGrainsAreSkipped() {
        MinionData odd = minion("odd", "ipv4: [garbage, 10.0.0.1]\nipv6: ['fe80::1%eth0']");
        assertTrue(ip("10.0.0.0/24", odd));
        assertTrue(ip("fe80::/64", odd));
    }

    @Test
    void invalidTargetsAreErrorsNamingThem() {
        for (String bad : new String[] {"10.0.0", "10.0.0.256", "010.0.0.1", "10.0.0.0/33", "10.1.2.3/8",
                "2001:db8::/129", "2001:db8:::1", "web*", "1:2:3:4:5:6:7:8:9", ""}) {
            TargetException e = assertThrows(TargetException.class, () -> matcher.compile(bad, TargetType.IPCIDR),
                    bad);
            assertTrue(e.getMessage().startsWith("Invalid IP/CIDR target: " + bad), e.getMessage());
        }
    }

    @Test
    void ipv6ParsingHandlesCompressionAndDottedTail() {
        assertArrayEquals(new byte[16], IpCidr.parse("::"));
        byte[] mapped = IpCidr.parse("::ffff:1.2.3.4");
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4}, mapped);
        byte[] full = IpCidr.parse("1:2:3:4:5:6:7:8");
        assertArrayEquals(new byte[] {0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8}, full);
        assertArrayEquals(full, IpCidr.parse("1:2:3:4:5:6:0.7.0.8"));
        assertNull(IpCidr.parse("1::2::3"));
        assertNull(IpCidr.parse("12345::"));
        assertNull(IpCidr.parse(":1:2"));
    }
}
