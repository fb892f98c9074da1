package dev.gatehouse.keys;

import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * How signing private keys lie in the database: PKCS#8 sealed under the {@link MasterKey} with the key's id as
 * associated data (a sealed key moved to another row does not open). {@link #prepare()} runs once at start.
 */
final class KeysAtRest {
    private static final String CHECK_ID = "signing-keys";
    private static final String CHECK_TEXT = "gatehouse signing keys";

    private final Jdbi jdbi;
    private final Clock clock;
    private final MasterKey master;

    KeysAtRest(Jdbi jdbi, Clock clock, MasterKey master) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.master = master;
    }

    /**
     * Proves the master key is the one this database's keys were sealed under (first start: records it), then
     * seals any rows still holding plaintext PKCS#8 from before keys were encrypted.
     *
     * @return how many plaintext rows were sealed
     * @throws MasterKeyException when another master key sealed this database's keys
     */
    int prepare() {
        return jdbi.inTransaction(h -> {
            String check = h.createQuery("SELECT check_value FROM master_key_check WHERE id = :id")
                    .bind("id", CHECK_ID).mapTo(String.class).findOne().orElse(null);
            if (check == null) {
                h.createUpdate("INSERT INTO master_key_check (id, check_value, created_at) VALUES (:id, :v, :now)")
                        .bind("id", CHECK_ID).bind("v", master.encrypt(CHECK_TEXT.getBytes(StandardCharsets.UTF_8), CHECK_ID))
                        .bind("now", clock.instant()).execute();
            } else {
                try {
                    master.decrypt(check, CHECK_ID);
                } catch (MasterKeyException e) {
                    throw new MasterKeyException("The master key (from " + master.source() + ") is not the one this "
                            + "database's signing keys were encrypted with. Start every node sharing the database with "
                            + "the same --master-key-file or " + MasterKey.ENV + "; refusing to start.");
                }
            }
            record Row(String id, String privateKey) {
            }
            List<Row> plaintext = h.createQuery("SELECT id, private_key FROM signing_keys")
                    .map((rs, c) -> new Row(rs.getString(1), rs.getString(2))).list().stream()
                    .filter(r -> !MasterKey.isSealed(r.privateKey())).toList();
            for (Row row : plaintext) {
                h.createUpdate("UPDATE signing_keys SET private_key = :sealed WHERE id = :id AND private_key = :old")
                        .bind("sealed", seal(row.id(), Base64.getDecoder().decode(row.privateKey())))
                        .bind("id", row.id()).bind("old", row.privateKey()).execute();
            }
            return plaintext.size();
        });
    }

    String seal(String keyId, byte[] pkcs8) {
        return master.encrypt(pkcs8, keyId);
    }

    PrivateKey open(String keyId, String sealed) {
        byte[] pkcs8 = master.decrypt(sealed, keyId);
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored private key " + keyId + " is unreadable", e);
        } finally {
            java.util.Arrays.fill(pkcs8, (byte) 0);
        }
    }
}
