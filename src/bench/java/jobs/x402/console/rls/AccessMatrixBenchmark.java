package jobs.x402.console.rls;

import jobs.x402.console.core.ProgressListener;
import jobs.x402.console.db.DatabaseSession;
import jobs.x402.console.session.ConsoleSession;
import jobs.x402.console.target.ConnectionTarget;
import jobs.x402.console.testing.TestPostgres;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

/**
 * The RLS issue's figure: the access matrix over the sandbox's tables plus 200 generated API tables with policies,
 * against rls report (the catalog read) on the same database in the same run. Target: matrix <= 15 s. Run:
 * {@code mvn -o -q test-compile exec:exec -Dexec.classpathScope=test
 * -Dconsole.mainClass=jobs.x402.console.rls.AccessMatrixBenchmark}
 */
public final class AccessMatrixBenchmark {
    private static final int TABLES = 200;

    private AccessMatrixBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        TestPostgres postgres = TestPostgres.get();
        ConnectionTarget target = postgres.freshDatabase("matrix_bench");
        try (Connection c = postgres.adminConnection(target.profile().database()); Statement st = c.createStatement()) {
            // a parent table, so every generated table needs a parent row (foreign key, NOT NULL) as real ones do
            st.execute("""
                    create table public.bench_parent (id bigint primary key, label text not null);
                    do $$
                    begin
                      for i in 1..%d loop
                        execute format('create table public.bench_%%s (id bigint generated always as identity
                            primary key, user_id uuid not null references auth.users (id),
                            parent_id bigint not null references public.bench_parent (id), title text not null,
                            kind text not null check (kind in (''a'', ''b'')), created_at timestamptz default now())', i);
                        execute format('alter table public.bench_%%s enable row level security', i);
                        execute format('create policy "own select" on public.bench_%%s for select to authenticated
                            using ((select auth.uid()) = user_id)', i);
                        execute format('create policy "own insert" on public.bench_%%s for insert to authenticated
                            with check ((select auth.uid()) = user_id)', i);
                        execute format('create policy "own update" on public.bench_%%s for update to authenticated
                            using ((select auth.uid()) = user_id)', i);
                        execute format('create policy "public read" on public.bench_%%s for select to anon
                            using (kind = ''a'')', i);
                      end loop;
                    end $$""".formatted(TABLES));
            st.execute("analyze");
        }
        try (DatabaseSession session = DatabaseSession.open(new ConnectionTarget(target.profile(), target.kind(),
                target.password()), ConsoleSession.entityClasses(), ProgressListener.NONE)) {
            // one warm-up of each, then the measured runs
            new RlsCatalogReader(session, List.of()).read(ProgressListener.NONE);
            new AccessMatrixRunner(session).run(List.of(), List.of(), List.of(), ProgressListener.NONE);
            long t0 = System.nanoTime();
            RlsCatalog catalog = new RlsCatalogReader(session, List.of()).read(ProgressListener.NONE);
            long t1 = System.nanoTime();
            AccessMatrix matrix = new AccessMatrixRunner(session).run(List.of(), List.of(), List.of(),
                    ProgressListener.NONE);
            long t2 = System.nanoTime();
            long cells = matrix.tables().stream().mapToLong(t -> t.cells().size()).sum();
            long statements = matrix.tables().stream().flatMap(t -> t.cells().stream())
                    .mapToLong(c -> c.steps().size()).sum();
            System.out.printf("| what | ms |%n|---|---:|%n");
            System.out.printf("| rls report: catalog read + lints, %d tables | %d |%n", catalog.tables().size(),
                    (t1 - t0) / 1_000_000);
            System.out.printf("| rls matrix: %d API tables x %d personas = %d cells, %d statements, %d not run |"
                            + " %d |%n", matrix.tables().size(), matrix.personas().size(), cells, statements,
                    matrix.problems(), (t2 - t1) / 1_000_000);
            System.out.printf("target: matrix <= 15000 ms: %s%n", (t2 - t1) / 1_000_000 <= 15_000 ? "met" : "MISSED");
        }
        System.exit(0);
    }
}
