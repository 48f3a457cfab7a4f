package io.jsalt.common.data;

import java.math.BigInteger;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * SnakeYAML's safe constructor with the integer rule of Salt's SaltYamlSafeLoader
 * (salt/utils/yamlloader.py construct_scalar): an unsigned int written with leading zeros
 * is read in base 10, so {@code mode: 0700} is 700, not octal 448. Every YAML Salt reads
 * through that loader (SLS, pillar, CLI arguments) is typed by this one rule.
 */
public class SaltSafeConstructor extends SafeConstructor {
    public SaltSafeConstructor(LoaderOptions lo) {
        super(lo);
        yamlConstructors.put(Tag.INT, new ConstructSaltInt());
    }

    /** What this constructor makes of one scalar node: {@link YamlEvents} builds no node tree. */
    Object scalarValue(ScalarNode node) {
        return getConstructor(node).construct(node);
    }

    /** PyYAML construct_yaml_int after SaltYamlSafeLoader.construct_scalar. */
    private final class ConstructSaltInt extends AbstractConstruct {
        @Override
        public Object construct(Node node) {
            return saltInt(constructScalar((ScalarNode) node));
        }
    }

    /**
     * The int a YAML 1.1 int scalar is to Salt: leading zeros stripped first (only when the
     * text starts with 0, so {@code -0644} stays octal as in PyYAML), then PyYAML's rules
     * ({@code 0b}, {@code 0x}, sexagesimal {@code 1:30}, underscores ignored).
     */
    public static BigInteger saltInt(String text) {
        String value = text;
        if (!value.equals("0") && value.startsWith("0") && !value.startsWith("0b") && !value.startsWith("0x")) {
            value = value.replaceFirst("^0+", "");
            if (value.isEmpty()) {
                value = "0";
            }
        }
        value = value.replace("_", "");
        int sign = 1;
        if (value.charAt(0) == '-') {
            sign = -1;
        }
        if (value.charAt(0) == '-' || value.charAt(0) == '+') {
            value = value.substring(1);
        }
        BigInteger n;
        if (value.equals("0")) {
            n = BigInteger.ZERO;
        } else if (value.startsWith("0b")) {
            n = new BigInteger(value.substring(2), 2);
        } else if (value.startsWith("0x")) {
            n = new BigInteger(value.substring(2), 16);
        } else if (value.charAt(0) == '0') {
            n = new BigInteger(value, 8);
        } else if (value.contains(":")) {
            n = BigInteger.ZERO;
            BigInteger base = BigInteger.ONE;
            List<String> parts = List.of(value.split(":", -1));
            for (int i = parts.size() - 1; i >= 0; i--) {
                n = n.add(new BigInteger(parts.get(i)).multiply(base));
                base = base.multiply(BigInteger.valueOf(60));
            }
        } else {
            n = new BigInteger(value);
        }
        return sign < 0 ? n.negate() : n;
    }
}
