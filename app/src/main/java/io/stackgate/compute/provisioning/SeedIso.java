package io.stackgate.compute.provisioning;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_16BE;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A cloud-init NoCloud seed: an ISO 9660 image labelled "cidata" holding meta-data, user-data and optionally
 * network-config.
 * <p>
 * Plain ISO 9660 names are upper case 8.3 without '-', so every file also carries its real name twice: as a Rock
 * Ridge "NM" entry (what Linux reads) and in a Joliet tree (UCS-2 names, for readers without Rock Ridge), as
 * {@code genisoimage -joliet -rock} does. One flat root directory, fixed dates and sorted names: the same files
 * always give the same bytes.
 */
public final class SeedIso {

    static final String LABEL = "cidata";
    private static final int SECTOR = 2048;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    /** Directory record date: 1970-01-01 00:00:00 UTC (years since 1900, month, day, h, m, s, GMT offset). */
    private static final byte[] DATE = {70, 1, 1, 0, 0, 0, 0};
    private static final int DIR_MODE = 040555, FILE_MODE = 0100444;
    // Fixed sectors: 0-15 system area (zeros), volume descriptors, four one-record path tables, and the Rock Ridge
    // "ER" entry, which is too long for the root's "." record and so lives in a continuation area. Files follow.
    private static final int PVD = 16, SVD = 17, TERMINATOR = 18, PATH_L = 19, PATH_M = 20, JPATH_L = 21,
            JPATH_M = 22, CONTINUATION = 23, FIRST_FILE = 24;
    private static final byte[] ER = entry("ER", extensionReference("RRIP_1991A",
            "THE ROCK RIDGE INTERCHANGE PROTOCOL PROVIDES SUPPORT FOR POSIX FILE SYSTEM SEMANTICS",
            "PLEASE CONTACT DISC PUBLISHER FOR SPECIFICATION SOURCE.  SEE PUBLISHER IDENTIFIER IN PRIMARY "
                    + "VOLUME DESCRIPTOR FOR CONTACT INFORMATION."));

    private SeedIso() {
    }

    /** files: name -> content, in the root directory; names like "meta-data", "user-data", "network-config". */
    public static byte[] of(Map<String, byte[]> files) {
        TreeMap<String, byte[]> sorted = new TreeMap<>();
        files.forEach((name, data) -> sorted.put(checkName(name), Objects.requireNonNull(data, name)));

        // Contents first, each from a sector boundary; both directory trees point at the same extents.
        TreeMap<String, byte[]> isoRecords = new TreeMap<>(); // ISO 9660 wants records sorted by their identifier
        List<byte[]> jolietRecords = new ArrayList<>(); // UCS-2 big-endian sorts like the ASCII names
        Map<String, Integer> extents = new HashMap<>();
        int next = FIRST_FILE;
        for (var file : sorted.entrySet()) {
            String name = file.getKey();
            int size = file.getValue().length;
            String key = isoKey(name, isoRecords);
            byte[] rockRidge = cat(entry("RR", new byte[] {0x09}), posix(FILE_MODE, 1), entry("NM", cat(new byte[1],
                    name.getBytes(US_ASCII))));
            isoRecords.put(key, record((key + ";1").getBytes(US_ASCII), next, size, false, rockRidge));
            jolietRecords.add(record(name.getBytes(UTF_16BE), next, size, false, new byte[0]));
            extents.put(name, next);
            next += (size + SECTOR - 1) / SECTOR;
        }
        int root = next;
        byte[] continuation = entry("CE", cat(both32(CONTINUATION), both32(0), both32(ER.length)));
        byte[] rootSp = entry("SP", new byte[] {(byte) 0xBE, (byte) 0xEF, 0}); // marks the disc as using SUSP
        byte[] rootDir = directory(root, new ArrayList<>(isoRecords.values()),
                cat(rootSp, entry("RR", new byte[] {0x01}), posix(DIR_MODE, 2), continuation),
                cat(entry("RR", new byte[] {0x01}), posix(DIR_MODE, 2)));
        int jolietRoot = root + rootDir.length / SECTOR;
        byte[] jolietDir = directory(jolietRoot, jolietRecords, new byte[0], new byte[0]);
        int total = jolietRoot + jolietDir.length / SECTOR;

        byte[] image = new byte[total * SECTOR];
        volumeDescriptor(image, PVD, false, root, rootDir.length, PATH_L, PATH_M, total);
        volumeDescriptor(image, SVD, true, jolietRoot, jolietDir.length, JPATH_L, JPATH_M, total);
        put(image, TERMINATOR * SECTOR, new byte[] {(byte) 255, 'C', 'D', '0', '0', '1', 1});
        pathTable(image, PATH_L, root, false);
        pathTable(image, PATH_M, root, true);
        pathTable(image, JPATH_L, jolietRoot, false);
        pathTable(image, JPATH_M, jolietRoot, true);
        put(image, CONTINUATION * SECTOR, ER);
        sorted.forEach((name, data) -> put(image, extents.get(name) * SECTOR, data));
        put(image, root * SECTOR, rootDir);
        put(image, jolietRoot * SECTOR, jolietDir);
        return image;
    }

    private static String checkName(String name) {
        if (name == null || name.length() > 64 || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("seed file name must match [a-z0-9][a-z0-9._-]{0,63}: " + name);
        }
        return name;
    }

    /**
     * The level 1 name ("META_DAT.", "VENDOR_D.TXT") without ";1", made unique with a counter; sorting these keys
     * as strings is ISO 9660 order, since '.' sorts before every d-character as the padding space would.
     */
    private static String isoKey(String name, Map<String, ?> taken) {
        int dot = name.lastIndexOf('.');
        String base = clean(dot < 0 ? name : name.substring(0, dot), 8);
        String ext = dot < 0 ? "" : clean(name.substring(dot + 1), 3);
        String key = base + "." + ext;
        for (int i = 1; taken.containsKey(key); i++) {
            String n = Integer.toString(i);
            key = base.substring(0, Math.min(base.length(), 8 - n.length())) + n + "." + ext;
        }
        return key;
    }

    private static String clean(String part, int max) {
        String upper = part.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        return upper.substring(0, Math.min(max, upper.length()));
    }

    /** A root directory: "." and ".." (the root is its own parent), then the entries. */
    private static byte[] directory(int extent, List<byte[]> entries, byte[] dotUse, byte[] dotDotUse) {
        List<byte[]> all = new ArrayList<>(entries);
        all.add(0, record(new byte[] {0}, extent, 0, true, dotUse));
        all.add(1, record(new byte[] {1}, extent, 0, true, dotDotUse));
        int size = pack(all, null); // record lengths don't depend on the size, so lay out once to learn it
        all.set(0, record(new byte[] {0}, extent, size, true, dotUse));
        all.set(1, record(new byte[] {1}, extent, size, true, dotDotUse));
        byte[] out = new byte[size];
        pack(all, out);
        return out;
    }

    /** Lays records out in whole sectors (into out, unless null), returning the size; none may cross a sector. */
    private static int pack(List<byte[]> records, byte[] out) {
        int pos = 0;
        for (byte[] r : records) {
            if (pos / SECTOR != (pos + r.length - 1) / SECTOR) {
                pos = (pos / SECTOR + 1) * SECTOR;
            }
            if (out != null) {
                put(out, pos, r);
            }
            pos += r.length;
        }
        return (pos + SECTOR - 1) / SECTOR * SECTOR;
    }

    /** An ISO 9660 directory record, with System Use (Rock Ridge) entries after the identifier. */
    private static byte[] record(byte[] id, int extent, int size, boolean dir, byte[] systemUse) {
        int useAt = 33 + id.length + (id.length % 2 == 0 ? 1 : 0); // pad byte keeps System Use at an even offset
        byte[] r = new byte[(useAt + systemUse.length + 1) / 2 * 2];
        r[0] = (byte) r.length;
        put(r, 2, both32(extent));
        put(r, 10, both32(size));
        put(r, 18, DATE);
        r[25] = (byte) (dir ? 2 : 0);
        put(r, 28, both16(1)); // volume sequence number
        r[32] = (byte) id.length;
        put(r, 33, id);
        put(r, useAt, systemUse);
        return r;
    }

    /** The primary (type 1) or, with UCS-2 text and the "%/E" escape that announces it, the Joliet (type 2) one. */
    private static void volumeDescriptor(byte[] image, int sector, boolean joliet, int root, int rootSize, int pathL,
            int pathM, int total) {
        int at = sector * SECTOR;
        put(image, at, new byte[] {(byte) (joliet ? 2 : 1), 'C', 'D', '0', '0', '1', 1});
        text(image, at + 8, 32, "", joliet); // system identifier
        text(image, at + 40, 32, LABEL, joliet); // volume identifier: what blkid reports and cloud-init looks for
        put(image, at + 80, both32(total));
        if (joliet) {
            put(image, at + 88, "%/E".getBytes(US_ASCII));
        }
        put(image, at + 120, both16(1)); // volume set size
        put(image, at + 124, both16(1)); // volume sequence number
        put(image, at + 128, both16(SECTOR));
        put(image, at + 132, both32(10)); // path table size: just the root
        put(image, at + 140, le32(pathL));
        put(image, at + 148, be32(pathM));
        put(image, at + 156, record(new byte[] {0}, root, rootSize, true, new byte[0]));
        for (int field : new int[] {190, 318, 446, 574}) { // volume set, publisher, preparer, application
            text(image, at + field, 128, "", joliet);
        }
        for (int field : new int[] {702, 739, 776}) { // copyright, abstract, bibliographic file
            text(image, at + field, 37, "", joliet);
        }
        put(image, at + 813, "1970010100000000".getBytes(US_ASCII)); // created, GMT offset byte stays 0
        put(image, at + 830, "1970010100000000".getBytes(US_ASCII)); // modified
        put(image, at + 847, "0000000000000000".getBytes(US_ASCII)); // expires: never
        put(image, at + 864, "0000000000000000".getBytes(US_ASCII)); // effective: always
        image[at + 881] = 1; // file structure version
    }

    /** A path table holding only the root; the L table is little-endian, the M table big-endian. */
    private static void pathTable(byte[] image, int sector, int root, boolean bigEndian) {
        int at = sector * SECTOR;
        image[at] = 1; // identifier length (the root's identifier is a single 0 byte)
        put(image, at + 2, bigEndian ? be32(root) : le32(root));
        image[at + (bigEndian ? 7 : 6)] = 1; // parent directory number
    }

    /** Space-padded text; Joliet fields hold UCS-2 big-endian, padded with UCS-2 spaces. */
    private static void text(byte[] image, int at, int length, String value, boolean joliet) {
        int width = joliet ? 2 : 1;
        for (int i = 0; i < length / width; i++) {
            char c = i < value.length() ? value.charAt(i) : ' ';
            image[at + i * width + width - 1] = (byte) c;
        }
    }

    /** A SUSP entry: two-letter signature, length, version 1, body. */
    private static byte[] entry(String signature, byte[] body) {
        byte[] head = {(byte) signature.charAt(0), (byte) signature.charAt(1), (byte) (4 + body.length), 1};
        return cat(head, body);
    }

    /** Rock Ridge "PX" (RRIP 1.10 layout): mode, links, uid 0, gid 0. */
    private static byte[] posix(int mode, int links) {
        return entry("PX", cat(both32(mode), both32(links), both32(0), both32(0)));
    }

    private static byte[] extensionReference(String id, String description, String source) {
        byte[] head = {(byte) id.length(), (byte) description.length(), (byte) source.length(), 1};
        return cat(head, (id + description + source).getBytes(US_ASCII));
    }

    // ISO 9660 stores most numbers twice, little-endian then big-endian, so either kind of machine reads them directly.
    private static byte[] both32(int v) {
        return cat(le32(v), be32(v));
    }

    private static byte[] both16(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static byte[] be32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void put(byte[] target, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, target, at, bytes.length);
    }
}
