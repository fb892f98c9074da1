package dev.gatehouse.awsemulator.policy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * CIDR containment for {@code IpAddress} / {@code NotIpAddress}, IPv4 and IPv6. Only literal addresses are read
 * (never a host name, so no DNS lookup); anything else matches nothing.
 */
final class IpRanges {
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpRanges() {
    }

    static boolean contains(String cidr, String address) {
        String range = cidr.trim();
        int slash = range.indexOf('/');
        byte[] net = bytes(slash < 0 ? range : range.substring(0, slash));
        byte[] ip = bytes(address.trim());
        if (net == null || ip == null || net.length != ip.length) {
            return false;
        }
        int bits = net.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(range.substring(slash + 1));
            } catch (NumberFormatException e) {
                return false;
            }
            if (bits < 0 || bits > net.length * 8) {
                return false;
            }
        }
        int shift = net.length * 8 - bits;
        return new BigInteger(1, net).shiftRight(shift).equals(new BigInteger(1, ip).shiftRight(shift));
    }

    private static byte[] bytes(String literal) {
        if (literal.isEmpty() || !LITERAL.matcher(literal).matches()) {
            return null;
        }
        if (!literal.contains(":") && !literal.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
