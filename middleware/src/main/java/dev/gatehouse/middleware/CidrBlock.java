package dev.gatehouse.middleware;

/**
 * One entry of an address allow-list: {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a single
 * address ({@code 192.0.2.7}, {@code ::1}), as nginx's {@code set_real_ip_from} and Apache's
 * {@code RemoteIPTrustedProxy} take them. A block whose address has bits set past its prefix
 * ({@code 10.0.0.1/8}) is refused: it is almost always a typo for something else.
 */
final class CidrBlock {
    private final byte[] network;
    private final int prefix;
    private final String text;

    private CidrBlock(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /** Parses a block; throws {@link IllegalArgumentException} naming what is wrong. */
    static CidrBlock parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = address.indexOf(':') >= 0 ? IpAddresses.parseV6(address) : IpAddresses.parseV4(address);
        if (bytes == null || address.indexOf('%') >= 0) {
            throw new IllegalArgumentException("not an IP address or CIDR block: '" + text + "'");
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "'");
            }
            prefix = Integer.parseInt(digits);
            if (prefix > bytes.length * 8) throw new IllegalArgumentException("prefix length too long in '" + text + "'");
        }
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            if ((bytes[bit / 8] >> (7 - bit % 8) & 1) != 0) {
                throw new IllegalArgumentException("'" + text + "' has address bits set past its /" + prefix
                        + " prefix; write the network address");
            }
        }
        // An IPv4-mapped block (::ffff:10.0.0.0/104) is the IPv4 block it maps.
        byte[] plain = IpAddresses.parse(address);
        if (plain.length == 4 && bytes.length == 16) {
            if (prefix < 96) throw new IllegalArgumentException("an IPv4-mapped block needs a prefix of at least 96: '" + text + "'");
            return new CidrBlock(plain, prefix - 96, text);
        }
        return new CidrBlock(bytes, prefix, text);
    }

    /** True if {@code address} (4 or 16 bytes, IPv4-mapped already unmapped) lies in this block. */
    boolean contains(byte[] address) {
        if (address.length != network.length) return false;
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) return false;
        }
        int rest = prefix % 8;
        if (rest == 0) return true;
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
