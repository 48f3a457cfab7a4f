package io.jsalt.common.output;

/**
 * The palette of salt.utils.color.get_colors: each colour is an SGR sequence that starts
 * with a reset ("0;"), as salt.textformat.TextFormat builds it. With colours off every
 * entry is the empty string, so outputters format the same way either way.
 */
public final class Colors {
    public final String red;
    public final String green;
    public final String yellow;
    public final String lightYellow;
    public final String lightGreen;
    public final String cyan;
    public final String lightRed;
    public final String endc;

    private static final Colors ON = new Colors(true);
    private static final Colors OFF = new Colors(false);

    private Colors(boolean on) {
        red = on ? sgr("31") : "";
        green = on ? sgr("32") : "";
        yellow = on ? sgr("33") : "";
        lightYellow = on ? sgr("1;33") : "";
        lightGreen = on ? sgr("1;32") : "";
        cyan = on ? sgr("36") : "";
        lightRed = on ? sgr("1;31") : "";
        endc = on ? sgr("0") : "";
    }

    public static Colors of(boolean on) {
        return on ? ON : OFF;
    }

    private static String sgr(String codes) {
        return "\u001b[0;" + codes + "m";
    }
}
