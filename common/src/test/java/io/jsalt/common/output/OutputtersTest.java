package io.jsalt.common.output;

import static io.jsalt.common.output.Fixtures.CYAN;
import static io.jsalt.common.output.Fixtures.ENDC;
import static io.jsalt.common.output.Fixtures.GREEN;
import static io.jsalt.common.output.Fixtures.RED;
import static io.jsalt.common.output.Fixtures.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutputtersTest {
    private static final String JID = "20240101120000123456";

    @Test
    void listsTheBuiltInOutputters() {
        assertTrue(Outputters.names().containsAll(java.util.List.of("json", "nested", "no_return", "raw", "txt", "yaml")));
    }

    @Test
    void noNameMeansNestedAndTextMeansTxt() {
        assertSame(Outputters.get("nested"), Outputters.get(null));
        assertSame(Outputters.get("nested"), Outputters.get(""));
        assertSame(Outputters.get("txt"), Outputters.get("text"));
    }

    @Test
    void unknownNameFailsListingTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Outputters.get("jsno"));
        assertTrue(e.getMessage().startsWith("Invalid outputter 'jsno' specified; valid outputters are: "), e.getMessage());
        for (String name : java.util.List.of("json", "nested", "no_return", "raw", "txt", "yaml")) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @Test
    void registeredOutputterIsFoundByName() {
        Outputters.register(new Shout());
        assertEquals("HI", Outputters.get("test_shout").format("hi", OutputOptions.PLAIN));
    }

    @Test
    void aTakenNameCannotBeRegisteredByAnotherClass() {
        Outputter impostor = new Outputter() {
            public String name() {
                return "json";
            }

            public String format(Object data, OutputOptions opts) {
                return "";
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Outputters.register(impostor));
        assertTrue(e.getMessage().contains("'json' is already registered"), e.getMessage());
    }

    @Test
    void displayStripsTrailingWhitespaceAndEndsWithOneNewline() {
        // "a\n\n".splitlines() is ["a", ""]: the second line's "web1: " loses its space.
        assertEquals("web1: a\nweb1:\n", Display.text(Outputters.get("txt"), map("web1", "a\n\n"), OutputOptions.PLAIN));
        assertEquals("", Display.text(Outputters.get("txt"), map("web1", ""), OutputOptions.PLAIN));
    }

    @Test
    void colourFollowsTheTerminalUnlessForcedOrDisabled() {
        assertTrue(OutputOptions.colorFor(true, false, false));
        assertFalse(OutputOptions.colorFor(false, false, false));
        assertFalse(OutputOptions.colorFor(true, true, false));
        assertTrue(OutputOptions.colorFor(false, false, true));
        assertTrue(OutputOptions.colorFor(false, true, true));
    }

    @Test
    void noResponseNoticeGoesThroughNoReturnByDefault() {
        String expected = CYAN + "web2" + ENDC + ":\n"
                + RED + "    Minion did not return. [No response]" + ENDC + "\n"
                + RED + "    The minions may not have all finished running and any remaining minions will return"
                + " upon completion. To look up the return data for this job later, run the following command:"
                + ENDC + "\n"
                + RED + "    " + ENDC + "\n"
                + RED + "    jsalt-run jobs.lookup_jid " + JID + ENDC + "\n";
        assertEquals(expected, NoReturn.display("web2", NoReturn.noResponse(JID), null, OutputOptions.COLOR));
        assertEquals(expected, NoReturn.display("web2", NoReturn.noResponse(JID), "highstate", OutputOptions.COLOR));
    }

    @Test
    void noResponseNoticePlainAsOperatorsKnowIt() {
        assertEquals("web2:\n    Minion did not return. [No response]\n    The minions may not have all finished"
                        + " running and any remaining minions will return upon completion. To look up the return data"
                        + " for this job later, run the following command:\n    \n    jsalt-run jobs.lookup_jid "
                        + JID + "\n",
                NoReturn.display("web2", NoReturn.noResponse(JID), null, OutputOptions.PLAIN));
    }

    @Test
    void noticeUsesTheRequestedOutputterWithAFailingRetcode() {
        assertEquals(RED + "web3" + ENDC + ":\n    " + GREEN + "Minion did not return. [Not connected]" + ENDC + "\n",
                NoReturn.display("web3", NoReturn.notConnected(), "nested", OutputOptions.COLOR));
        assertEquals("{\n    \"web3\": \"Minion did not return. [Not connected]\"\n}\n",
                NoReturn.display("web3", NoReturn.notConnected(), "json", OutputOptions.COLOR));
        assertEquals("web3: Minion did not return. [Not connected]\n",
                NoReturn.display("web3", NoReturn.notConnected(), "txt", OutputOptions.PLAIN));
    }

    static final class Shout implements Outputter {
        public String name() {
            return "test_shout";
        }

        public String format(Object data, OutputOptions opts) {
            return String.valueOf(data).toUpperCase();
        }
    }
}
