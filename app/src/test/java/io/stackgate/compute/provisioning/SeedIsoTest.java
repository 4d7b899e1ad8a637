package io.stackgate.compute.provisioning;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads the images back with a small ISO 9660 / Rock Ridge / Joliet reader written from the standard. */
class SeedIsoTest {

    static final int SECTOR = 2048;
    static final byte[] META = "instance-id: i-0001\nlocal-hostname: web-1\n".getBytes(UTF_8);
    static final byte[] USER = "#cloud-config\nusers:\n  - name: ops\n".getBytes(UTF_8);

    @Test
    void thePrimaryVolumeIsLabelledCidata() {
        byte[] iso = SeedIso.of(Map.of("meta-data", META, "user-data", USER));

        assertThat(iso.length % SECTOR).isZero();
        assertThat(iso[16 * SECTOR]).isEqualTo((byte) 1);
        assertThat(ascii(iso, 16 * SECTOR + 1, 5)).isEqualTo("CD001");
        assertThat(ascii(iso, 16 * SECTOR + 40, 32)).isEqualTo("cidata" + " ".repeat(26));
        assertThat(both32(iso, 16 * SECTOR + 80)).isEqualTo(iso.length / SECTOR);
        assertThat(iso[18 * SECTOR] & 0xFF).isEqualTo(255); // descriptor set terminator
    }

    @Test
    void rockRidgeNamesLeadToTheExactContents() {
        byte[] iso = SeedIso.of(Map.of("meta-data", META, "user-data", USER, "network-config", "version: 2\n"
                .getBytes(UTF_8)));

        Map<String, byte[]> files = rockRidgeFiles(iso);

        assertThat(files).containsOnlyKeys("meta-data", "user-data", "network-config");
        assertThat(files.get("meta-data")).isEqualTo(META);
        assertThat(files.get("user-data")).isEqualTo(USER);
        assertThat(files.get("network-config")).asString(UTF_8).isEqualTo("version: 2\n");
    }

    @Test
    void theRootAnnouncesRockRidge() {
        byte[] iso = SeedIso.of(Map.of("meta-data", META));
        List<Dirent> root = directory(iso, 16);
        Map<String, byte[]> dot = susp(root.get(0).systemUse());

        assertThat(root.get(0).id()).containsExactly(0);
        assertThat(dot.get("SP")).startsWith((byte) 0xBE, (byte) 0xEF);
        byte[] ce = dot.get("CE"); // the ER entry lives in a continuation area
        byte[] continuation = Arrays.copyOfRange(iso, both32(ce, 0) * SECTOR + both32(ce, 8),
                both32(ce, 0) * SECTOR + both32(ce, 8) + both32(ce, 16));
        assertThat(ascii(susp(continuation).get("ER"), 4, 10)).isEqualTo("RRIP_1991A");
        assertThat(both32(susp(root.get(2).systemUse()).get("PX"), 0)).isEqualTo(0100444);
    }

    @Test
    void jolietCarriesTheSameNamesAndContents() {
        byte[] iso = SeedIso.of(Map.of("meta-data", META, "user-data", USER));

        assertThat(iso[17 * SECTOR]).isEqualTo((byte) 2);
        assertThat(ascii(iso, 17 * SECTOR + 88, 3)).isEqualTo("%/E");
        assertThat(new String(iso, 17 * SECTOR + 40, 12, UTF_16BE)).isEqualTo("cidata");
        Map<String, byte[]> files = new TreeMap<>();
        for (Dirent d : directory(iso, 17)) {
            if (d.id().length > 1) {
                files.put(new String(d.id(), UTF_16BE), Arrays.copyOfRange(iso, d.extent() * SECTOR,
                        d.extent() * SECTOR + d.size()));
            }
        }
        assertThat(files).containsOnlyKeys("meta-data", "user-data");
        assertThat(files.get("meta-data")).isEqualTo(META);
        assertThat(files.get("user-data")).isEqualTo(USER);
    }

    @Test
    void largeEmptyAndManyFilesSurviveTheRoundTrip() {
        Map<String, byte[]> in = new TreeMap<>();
        byte[] big = new byte[300_000];
        new Random(42).nextBytes(big);
        in.put("user-data", big);
        in.put("meta-data", new byte[0]);
        for (int i = 0; i < 40; i++) { // long names whose level 1 forms collide, and a root over several sectors
            in.put(("vendor-data-" + i + "-").repeat(6).substring(0, 60), ("file " + i).getBytes(UTF_8));
        }

        byte[] iso = SeedIso.of(in);

        Map<String, byte[]> out = rockRidgeFiles(iso);
        assertThat(out.keySet()).isEqualTo(in.keySet());
        in.forEach((name, data) -> assertThat(out.get(name)).as(name).isEqualTo(data));
        List<String> level1 = directory(iso, 16).stream().map(d -> ascii(d.id(), 0, d.id().length)).toList();
        assertThat(level1).doesNotHaveDuplicates().isSorted();
        assertThat(both32(iso, 16 * SECTOR + 156 + 10)).isGreaterThan(SECTOR);
    }

    @Test
    void theSameFilesGiveTheSameBytes() {
        Map<String, byte[]> one = new LinkedHashMap<>();
        one.put("meta-data", META);
        one.put("user-data", USER);
        Map<String, byte[]> other = new LinkedHashMap<>();
        other.put("user-data", USER.clone());
        other.put("meta-data", META.clone());

        assertThat(SeedIso.of(one)).isEqualTo(SeedIso.of(other));
        assertThat(SeedIso.of(one)).isNotEqualTo(SeedIso.of(Map.of("meta-data", META, "user-data", META)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "meta/data", "../x", "Meta-data", "-x", ".hidden", "user data", "é",
            "a1234567890123456789012345678901234567890123456789012345678901234"})
    void badNamesAreRejected(String name) {
        assertThatThrownBy(() -> SeedIso.of(Map.of("meta-data", META, name, USER)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sixtyFourCharactersAreAllowed() {
        String name = "n".repeat(64);
        assertThat(rockRidgeFiles(SeedIso.of(Map.of(name, USER)))).containsOnlyKeys(name);
    }

    // --- a minimal reader ---

    record Dirent(byte[] id, int extent, int size, boolean dir, byte[] systemUse) {
    }

    /** Rock Ridge name -> contents, from the primary volume's root. */
    static Map<String, byte[]> rockRidgeFiles(byte[] iso) {
        Map<String, byte[]> files = new TreeMap<>();
        for (Dirent d : directory(iso, 16)) {
            if (!d.dir()) {
                byte[] nm = susp(d.systemUse()).get("NM");
                assertThat(nm).as("NM entry").isNotNull();
                assertThat(nm[0]).as("NM flags").isZero();
                files.put(ascii(nm, 1, nm.length - 1), Arrays.copyOfRange(iso, d.extent() * SECTOR,
                        d.extent() * SECTOR + d.size()));
            }
        }
        return files;
    }

    /** The root directory named by the volume descriptor in the given sector, walked record by record. */
    static List<Dirent> directory(byte[] iso, int descriptor) {
        int rootRecord = descriptor * SECTOR + 156;
        int start = both32(iso, rootRecord + 2) * SECTOR;
        int end = start + both32(iso, rootRecord + 10);
        List<Dirent> out = new ArrayList<>();
        for (int pos = start; pos < end;) {
            int len = iso[pos] & 0xFF;
            if (len == 0) { // no more records in this sector
                pos = (pos / SECTOR + 1) * SECTOR;
                continue;
            }
            assertThat(pos / SECTOR).as("record crosses a sector").isEqualTo((pos + len - 1) / SECTOR);
            int idLength = iso[pos + 32] & 0xFF;
            int useAt = 33 + idLength + (idLength % 2 == 0 ? 1 : 0);
            out.add(new Dirent(Arrays.copyOfRange(iso, pos + 33, pos + 33 + idLength), both32(iso, pos + 2),
                    both32(iso, pos + 10), (iso[pos + 25] & 2) != 0, Arrays.copyOfRange(iso, pos + useAt, pos + len)));
            pos += len;
        }
        return out;
    }

    /** SUSP entries by signature -> body (after the 4-byte header). */
    static Map<String, byte[]> susp(byte[] area) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int pos = 0; pos + 4 <= area.length && area[pos + 2] != 0;) {
            int len = area[pos + 2] & 0xFF;
            assertThat(area[pos + 3]).as("SUSP entry version").isEqualTo((byte) 1);
            entries.put(ascii(area, pos, 2), Arrays.copyOfRange(area, pos + 4, pos + len));
            pos += len;
        }
        return entries;
    }

    /** A both-endian 32-bit number; the two halves must agree. */
    static int both32(byte[] b, int at) {
        int le = (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
        int be = (b[at + 4] & 0xFF) << 24 | (b[at + 5] & 0xFF) << 16 | (b[at + 6] & 0xFF) << 8 | (b[at + 7] & 0xFF);
        assertThat(be).as("big-endian half at " + at).isEqualTo(le);
        return le;
    }

    static String ascii(byte[] b, int at, int length) {
        return new String(b, at, length, US_ASCII);
    }
}
