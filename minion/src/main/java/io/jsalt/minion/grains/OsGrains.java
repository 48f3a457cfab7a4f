package io.jsalt.minion.grains;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distribution grains (os, os_family, osfullname, osrelease, oscodename, ...) worked
 * out as Salt 3006's os_data does on Linux: /etc/lsb-release first, then os-release, then
 * Salt's name and family tables.
 */
final class OsGrains {
    private static final Pattern LSB = Pattern.compile(
            "^(DISTRIB_(?:ID|RELEASE|CODENAME|DESCRIPTION))=(?:'|\")?([\\w\\s.\\-_]+)(?:'|\")?");
    private static final Pattern OS_RELEASE = Pattern.compile("^(\\w+)=(?:'|\")?(.*?)(?:'|\")?$");
    private static final Pattern REPLACE_LINUX = Pattern.compile("\\W(?:gnu/)?linux", Pattern.CASE_INSENSITIVE);

    /** Salt's _OS_NAME_MAP: first ten characters of the name, no spaces, lowercased. */
    private static final Map<String, String> OS_NAME = Map.ofEntries(
            Map.entry("redhatente", "RedHat"), Map.entry("gentoobase", "Gentoo"),
            Map.entry("archarm", "Arch ARM"), Map.entry("arch", "Arch"), Map.entry("debian", "Debian"),
            Map.entry("raspbian", "Raspbian"), Map.entry("fedoraremi", "Fedora"),
            Map.entry("chapeau", "Chapeau"), Map.entry("korora", "Korora"),
            Map.entry("amazonami", "Amazon"), Map.entry("alt", "ALT"), Map.entry("enterprise", "OEL"),
            Map.entry("oracleserv", "OEL"), Map.entry("cloudserve", "CloudLinux"),
            Map.entry("cloudlinux", "CloudLinux"), Map.entry("pidora", "Fedora"),
            Map.entry("scientific", "ScientificLinux"), Map.entry("synology", "Synology"),
            Map.entry("nilrt", "NILinuxRT"), Map.entry("poky", "Poky"), Map.entry("manjaro", "Manjaro"),
            Map.entry("manjarolin", "Manjaro"), Map.entry("univention", "Univention"),
            Map.entry("antergos", "Antergos"), Map.entry("sles", "SUSE"), Map.entry("void", "Void"),
            Map.entry("slesexpand", "RES"), Map.entry("linuxmint", "Mint"), Map.entry("neon", "KDE neon"),
            Map.entry("almalinux", "AlmaLinux"), Map.entry("rocky", "Rocky"));

    /** Salt's _OS_FAMILY_MAP: os grain to os_family; anything else is its own family. */
    private static final Map<String, String> OS_FAMILY = Map.ofEntries(
            Map.entry("Ubuntu", "Debian"), Map.entry("Fedora", "RedHat"), Map.entry("Chapeau", "RedHat"),
            Map.entry("Korora", "RedHat"), Map.entry("FedBerry", "RedHat"), Map.entry("CentOS", "RedHat"),
            Map.entry("CentOS Stream", "RedHat"), Map.entry("GoOSe", "RedHat"),
            Map.entry("Scientific", "RedHat"), Map.entry("Amazon", "RedHat"),
            Map.entry("CloudLinux", "RedHat"), Map.entry("OVS", "RedHat"), Map.entry("OEL", "RedHat"),
            Map.entry("XCP", "RedHat"), Map.entry("XCP-ng", "RedHat"), Map.entry("XenServer", "RedHat"),
            Map.entry("RES", "RedHat"), Map.entry("Sangoma", "RedHat"), Map.entry("VZLinux", "RedHat"),
            Map.entry("Rocky", "RedHat"), Map.entry("AlmaLinux", "RedHat"), Map.entry("Mandrake", "Mandriva"),
            Map.entry("ESXi", "VMware"), Map.entry("Mint", "Debian"), Map.entry("VMwareESX", "VMware"),
            Map.entry("Bluewhite64", "Bluewhite"), Map.entry("Slamd64", "Slackware"),
            Map.entry("SLES", "Suse"), Map.entry("SUSE Enterprise Server", "Suse"), Map.entry("SLED", "Suse"),
            Map.entry("openSUSE", "Suse"), Map.entry("SUSE", "Suse"), Map.entry("openSUSE Leap", "Suse"),
            Map.entry("openSUSE Tumbleweed", "Suse"), Map.entry("SLES_SAP", "Suse"),
            Map.entry("Arch ARM", "Arch"), Map.entry("Manjaro", "Arch"), Map.entry("Antergos", "Arch"),
            Map.entry("EndeavourOS", "Arch"), Map.entry("ALT", "RedHat"), Map.entry("Trisquel", "Debian"),
            Map.entry("GCEL", "Debian"), Map.entry("Linaro", "Debian"), Map.entry("elementary OS", "Debian"),
            Map.entry("elementary", "Debian"), Map.entry("Univention", "Debian"),
            Map.entry("ScientificLinux", "RedHat"), Map.entry("Raspbian", "Debian"),
            Map.entry("Devuan", "Debian"), Map.entry("antiX", "Debian"), Map.entry("Kali", "Debian"),
            Map.entry("neon", "Debian"), Map.entry("Cumulus", "Debian"), Map.entry("Deepin", "Debian"),
            Map.entry("NILinuxRT", "NILinuxRT"), Map.entry("KDE neon", "Debian"), Map.entry("Void", "Void"),
            Map.entry("IDMS", "Debian"), Map.entry("Funtoo", "Gentoo"), Map.entry("TurnKey", "Debian"),
            Map.entry("Pop", "Debian"), Map.entry("Alpine", "Alpine"));

    /** dpkg's names for the kernel's machine names (dpkg --print-architecture, without running it). */
    private static final Map<String, String> DEB_ARCH = Map.of(
            "x86_64", "amd64", "aarch64", "arm64", "i686", "i386", "i586", "i386", "i386", "i386",
            "armv7l", "armhf", "armv6l", "armel", "ppc64le", "ppc64el", "s390x", "s390x", "riscv64", "riscv64");

    private OsGrains() {}

    static Map<String, Object> collect(String lsbText, String osReleaseText, String cpuarch) {
        Map<String, Object> g = new LinkedHashMap<>();
        Map<String, String> lsb = parseLsb(lsbText);
        lsb.forEach(g::put);
        Map<String, String> rel = parseOsRelease(osReleaseText);
        if (!g.containsKey("lsb_distrib_id")) {
            if (rel.containsKey("NAME")) {
                g.put("lsb_distrib_id", rel.get("NAME").trim());
            }
            if (rel.containsKey("VERSION_ID")) {
                g.put("lsb_distrib_release", rel.get("VERSION_ID"));
            }
            if (rel.containsKey("VERSION_CODENAME")) {
                g.put("lsb_distrib_codename", rel.get("VERSION_CODENAME"));
            } else if (rel.containsKey("PRETTY_NAME")) {
                String codename = rel.get("PRETTY_NAME");
                Matcher m = Pattern.compile("\\((\\w+)\\)$").matcher(codename);
                if ("debian".equals(rel.get("ID")) && m.find()) {
                    codename = m.group(1);
                }
                g.put("lsb_distrib_codename", codename);
            }
        }
        // What the distro library would give: os-release ID, VERSION_ID and codename.
        String distroName = rel.getOrDefault("NAME", "");
        String distroVersion = rel.getOrDefault("VERSION_ID", "");
        String distroCodename = rel.getOrDefault("VERSION_CODENAME", "");

        String fullname = ((String) g.getOrDefault("lsb_distrib_id", distroName)).trim();
        g.put("osfullname", fullname);
        g.put("osrelease", ((String) g.getOrDefault("lsb_distrib_release", distroVersion)).trim());
        String codename = ((String) g.getOrDefault("lsb_distrib_codename", "")).trim();
        g.put("oscodename", codename.isEmpty() ? distroCodename : codename);

        String distroname = REPLACE_LINUX.matcher(fullname).replaceAll("").trim();
        String shortname = distroname.replace(" ", "").toLowerCase();
        shortname = shortname.substring(0, Math.min(10, shortname.length()));
        String os = OS_NAME.getOrDefault(shortname, distroname);
        if (os.isEmpty()) {
            g.put("os", "Unknown Linux");
            g.put("os_family", "Unknown");
        } else {
            g.put("os", os);
            g.put("os_family", OS_FAMILY.getOrDefault(os, os));
        }
        String family = (String) g.get("os_family");
        if (family.equals("Debian")) {
            g.put("osarch", DEB_ARCH.getOrDefault(cpuarch, cpuarch));
        } else {
            g.put("osarch", cpuarch);
        }
        String osrelease = (String) g.get("osrelease");
        if (!osrelease.isEmpty()) {
            List<Object> info = new ArrayList<>();
            for (String part : osrelease.split("\\.", -1)) {
                info.add(part.matches("\\d+") ? (Object) Long.parseLong(part) : part);
            }
            g.put("osrelease_info", info);
            if (info.get(0) instanceof Long major) {
                g.put("osmajorrelease", major);
            }
            String osName = List.of("Debian", "FreeBSD", "OpenBSD", "NetBSD", "Mac", "Raspbian").contains(os)
                    ? os : fullname;
            g.put("osfinger", osName + "-" + (osName.equals("Ubuntu") ? osrelease : String.valueOf(info.get(0))));
        }
        return g;
    }

    private static Map<String, String> parseLsb(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        for (String line : text.lines().toList()) {
            Matcher m = LSB.matcher(line);
            if (m.find()) {
                out.put("lsb_" + m.group(1).toLowerCase(), m.group(2).replaceAll("\\s+$", ""));
            }
        }
        return out;
    }

    static Map<String, String> parseOsRelease(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        for (String line : text.lines().toList()) {
            Matcher m = OS_RELEASE.matcher(line.strip());
            if (m.matches()) {
                out.put(m.group(1), m.group(2).replaceAll("\\\\([$\"'\\\\`])", "$1"));
            }
        }
        return out;
    }
}
