package jobs.x402.console.rls;

import jobs.x402.console.testing.DatabaseExtension;
import jobs.x402.console.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The console quotes identifiers exactly as the server's quote_ident does, keyword for keyword. */
@ExtendWith(DatabaseExtension.class)
class RlsSqlTest {

    @Test
    void namesThatNeedNoQuotesStayBareAndTheOthersAreQuoted() {
        assertThat(RlsSql.ident("user_id")).isEqualTo("user_id");
        assertThat(RlsSql.ident("desc")).isEqualTo("\"desc\"");
        assertThat(RlsSql.ident("Name")).isEqualTo("\"Name\"");
        assertThat(RlsSql.ident("a$b")).isEqualTo("\"a$b\"");
        assertThat(RlsSql.ident("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(RlsSql.qualified("public", "order")).isEqualTo("public.\"order\"");
    }

    @Test
    void everyKeywordOfTheServerIsQuotedAsQuoteIdentQuotesIt(TestDatabase db) throws Exception {
        List<String> differences = new ArrayList<>();
        int checked = 0;
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select word, quote_ident(word) from pg_get_keywords()"
                        + " union all select n, quote_ident(n) from (values ('desc'), ('user_id'), ('Mixed'),"
                        + " ('with space'), ('a$b'), ('_x1')) v(n)")) {
            while (rs.next()) {
                checked++;
                String word = rs.getString(1);
                boolean newerKeyword = rs.getString(2).equals(word) && RlsSql.isKeyword(word); // e.g. 17's json_table on 15
                if (!RlsSql.ident(word).equals(rs.getString(2)) && !newerKeyword) {
                    differences.add(rs.getString(1) + ": server " + rs.getString(2) + ", console "
                            + RlsSql.ident(rs.getString(1)));
                }
            }
        }
        assertThat(checked).isGreaterThan(400);
        assertThat(differences).isEmpty();
    }
}
