package io.pushmon.common.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlugsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Nightly Backup (db-1)   | nightly-backup-db-1",
        "--Grüße aus Köln--      | grue-aus-koln",
        "sync_users              | sync_users",
        "a  -  b                 | a-b",
        "!!!                     | ''",
    })
    void aSlugIsTheNameInLowerCaseWithoutAccentsAndWithHyphensForSpaces(String name, String slug) {
        assertThat(Slugs.of(name)).isEqualTo(slug);
    }
}
