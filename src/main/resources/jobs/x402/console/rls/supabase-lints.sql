-- The lints of Supabase's linter (splinter, the SQL behind the dashboard's Advisors), written for the console.
-- Each block answers exactly what the splinter lint of the same name answers (same objects, same schema and role
-- coverage, same cache_key text), so a finding and a suppression mean the same thing in both tools.
-- Every block returns four columns: cache_key, schema_name, object_name, facts (jsonb, what the console's
-- sentence and fix need). Placeholders, filled in by SupabaseLints:
--   :excluded           the schemas Supabase manages itself (splinter's list)
--   :excluded_realtime  the same list without realtime (auth_rls_initplan keeps realtime.messages in view)
--   :exposed            the schemas the API serves (pgrst.db_schemas, or what the operator configured)
--   :anon :authenticated  the role's oid, or null where the role does not exist (a stock PostgreSQL)
-- They run with search_path = '' so that expressions print fully qualified, as splinter's do.

-- lint: unindexed_foreign_keys
select format('unindexed_foreign_keys_%s_%s_%s', fk.schema_name, fk.table_name, fk.fkey_name),
       fk.schema_name, fk.table_name,
       jsonb_build_object('constraint', fk.fkey_name, 'columns',
           (select jsonb_agg(a.attname order by u.ord) from unnest(fk.col_attnums) with ordinality u(attnum, ord)
            join pg_catalog.pg_attribute a on a.attrelid = fk.table_oid and a.attnum = u.attnum))
from (select cl.relnamespace::regnamespace::text as schema_name, cl.relname as table_name, cl.oid as table_oid,
             ct.conname as fkey_name, ct.conkey as col_attnums
      from pg_catalog.pg_constraint ct
      join pg_catalog.pg_class cl on cl.oid = ct.conrelid
      where ct.contype = 'f'
        and not exists (select 1 from pg_catalog.pg_depend d where d.objid = cl.oid and d.deptype = 'e')
        and cl.relnamespace::regnamespace::text <> all(:excluded)) fk
where not exists (
        -- an index whose leading key columns are the foreign key's, in the same order
        select 1 from pg_catalog.pg_index i
        where i.indrelid = fk.table_oid and i.indisvalid
          and fk.col_attnums = (string_to_array(i.indkey::text, ' ')::smallint[])[1:array_length(fk.col_attnums, 1)])

-- lint: auth_users_exposed
select format('auth_users_exposed_%s_%s', n.nspname, c.relname), n.nspname, c.relname,
       jsonb_build_object('kind', case c.relkind when 'm' then 'materialized view' else 'view' end,
           'exposed_to', to_jsonb(array_remove(array[
               case when pg_catalog.has_table_privilege(:anon, c.oid, 'SELECT') then 'anon' end,
               case when pg_catalog.has_table_privilege(:authenticated, c.oid, 'SELECT') then 'authenticated' end],
               null)))
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('v', 'm')
  and c.relname <> '0002_auth_users_exposed'
  and n.nspname = any(:exposed)
  and (pg_catalog.has_table_privilege(:anon, c.oid, 'SELECT')
       or pg_catalog.has_table_privilege(:authenticated, c.oid, 'SELECT'))
  and exists (
        select 1 from pg_catalog.pg_rewrite r
        join pg_catalog.pg_depend d on d.objid = r.oid and d.deptype = 'n'
        join pg_catalog.pg_class u on u.oid = d.refobjid and u.relname = 'users'
        join pg_catalog.pg_namespace un on un.oid = u.relnamespace and un.nspname = 'auth'
        where r.ev_class = c.oid
          and (c.relkind = 'm'
               or not (lower(coalesce(c.reloptions::text, '{}'))::text[] && array['security_invoker=1',
                       'security_invoker=true', 'security_invoker=yes', 'security_invoker=on'])
               or not u.relrowsecurity))

-- lint: auth_rls_initplan
select format('auth_rls_init_plan_%s_%s_%s', n.nspname, c.relname, p.polname), n.nspname, c.relname,
       jsonb_build_object('policy', p.polname, 'using', q.qual, 'with_check', q.with_check)
from pg_catalog.pg_policy p
join pg_catalog.pg_class c on c.oid = p.polrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
cross join lateral (select pg_catalog.pg_get_expr(p.polqual, p.polrelid) as qual,
                           pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) as with_check) q
where c.relrowsecurity
  and n.nspname <> all(:excluded_realtime)
  and exists (
        -- a call evaluated per row: present, and never once inside "select <call>" in the same expression
        select 1 from unnest(array[q.qual, q.with_check]) e(expr)
        cross join unnest(array['auth.uid()', 'auth.jwt()', 'auth.role()', 'auth.email()']) f(call)
        where e.expr like '%' || f.call || '%' and lower(e.expr) not like '%select ' || f.call || '%'
        union all
        select 1 from unnest(array[q.qual, q.with_check]) e(expr)
        where e.expr like '%current\_setting(%)%' and lower(e.expr) not like '%select current\_setting(%)%')

-- lint: no_primary_key
select format('no_primary_key_%s_%s', n.nspname, c.relname), n.nspname, c.relname, null::jsonb
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind = 'r'
  and n.nspname <> all(:excluded)
  and not exists (select 1 from pg_catalog.pg_depend d where d.objid = c.oid and d.deptype = 'e')
  and not exists (select 1 from pg_catalog.pg_index i where i.indrelid = c.oid and i.indisprimary)

-- lint: unused_index
select format('unused_index_%s_%s_%s', s.schemaname, s.relname, s.indexrelname), s.schemaname, s.relname,
       jsonb_build_object('index', s.indexrelname)
from pg_catalog.pg_stat_user_indexes s
join pg_catalog.pg_index i on i.indexrelid = s.indexrelid
where s.idx_scan = 0
  and not i.indisunique
  and not i.indisprimary
  and not exists (select 1 from pg_catalog.pg_depend d where d.objid = s.relid and d.deptype = 'e')
  and s.schemaname <> all(:excluded)

-- lint: multiple_permissive_policies
select format('multiple_permissive_policies_%s_%s_%s_%s', n.nspname, c.relname, r.rolname, act.cmd),
       n.nspname, c.relname,
       jsonb_build_object('role', r.rolname, 'command', act.cmd,
           'policies', jsonb_agg(p.polname order by p.polname))
from pg_catalog.pg_policy p
join pg_catalog.pg_class c on c.oid = p.polrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
-- PUBLIC (oid 0) stands for every role, so it pairs with each of them
join pg_catalog.pg_roles r on p.polroles @> array[r.oid] or p.polroles = array[0::oid]
cross join lateral unnest(case p.polcmd when 'r' then array['SELECT'] when 'a' then array['INSERT']
                               when 'w' then array['UPDATE'] when 'd' then array['DELETE']
                               when '*' then array['SELECT', 'INSERT', 'UPDATE', 'DELETE']
                               else array['ERROR'] end) act(cmd)
where c.relkind = 'r'
  and p.polpermissive
  and n.nspname <> all(:excluded)
  and r.rolname not like 'pg_%'
  and r.rolname not like 'supabase%admin'
  and not r.rolbypassrls
  and not exists (select 1 from pg_catalog.pg_depend d where d.objid = c.oid and d.deptype = 'e')
group by n.nspname, c.relname, r.rolname, act.cmd
having count(*) > 1

-- lint: policy_exists_rls_disabled
select format('policy_exists_rls_disabled_%s_%s', n.nspname, c.relname), n.nspname, c.relname,
       jsonb_build_object('policies', (select jsonb_agg(p.polname order by p.polname) from pg_catalog.pg_policy p
                                       where p.polrelid = c.oid))
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind = 'r'
  and not c.relrowsecurity
  and n.nspname <> all(:excluded)
  and exists (select 1 from pg_catalog.pg_policy p where p.polrelid = c.oid)
  and not exists (select 1 from pg_catalog.pg_depend d where d.objid = c.oid and d.deptype = 'e')

-- lint: rls_enabled_no_policy
select format('rls_enabled_no_policy_%s_%s', n.nspname, c.relname), n.nspname, c.relname, null::jsonb
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind = 'r'
  and c.relrowsecurity
  and n.nspname <> all(:excluded)
  and not exists (select 1 from pg_catalog.pg_policy p where p.polrelid = c.oid)
  and not exists (select 1 from pg_catalog.pg_depend d where d.objid = c.oid and d.deptype = 'e')

-- lint: duplicate_index
-- indexes are the same when their definitions are, once their own names are taken out; splinter's key carries
-- the array of their names in PostgreSQL's text form ({a,b})
select format('duplicate_index_%s_%s_%s', n.nspname, c.relname, array_agg(x.indexname order by x.indexname)),
       n.nspname, c.relname,
       jsonb_build_object('kind', case c.relkind when 'm' then 'materialized view' else 'table' end,
           'indexes', jsonb_agg(x.indexname order by x.indexname))
from pg_catalog.pg_indexes x
join pg_catalog.pg_namespace n on n.nspname = x.schemaname
join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = x.tablename
where c.relkind in ('r', 'm')
  and n.nspname <> all(:excluded)
  and not exists (select 1 from pg_catalog.pg_depend d where d.objid = c.oid and d.deptype = 'e')
group by n.nspname, c.relkind, c.relname, replace(x.indexdef, x.indexname, '')
having count(*) > 1

-- lint: security_definer_view
select format('security_definer_view_%s_%s', n.nspname, c.relname), n.nspname, c.relname, null::jsonb
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind = 'v'
  and (pg_catalog.has_table_privilege(:anon, c.oid, 'SELECT')
       or pg_catalog.has_table_privilege(:authenticated, c.oid, 'SELECT'))
  and pg_catalog.current_setting('server_version_num')::int >= 150000
  and n.nspname = any(:exposed)
  and n.nspname <> all(:excluded)
  and not exists (select 1 from pg_catalog.pg_depend d where d.objid = c.oid and d.deptype = 'e')
  and not (lower(coalesce(c.reloptions::text, '{}'))::text[] && array['security_invoker=1', 'security_invoker=true',
           'security_invoker=yes', 'security_invoker=on'])

-- lint: function_search_path_mutable
-- keyed by md5 of the body, as splinter keys it (overloads share a name); every kind of routine counts
select format('function_search_path_mutable_%s_%s_%s', n.nspname, p.proname, md5(p.prosrc)), n.nspname, p.proname,
       jsonb_build_object('arguments', pg_catalog.pg_get_function_identity_arguments(p.oid),
           'kind', p.prokind, 'security_definer', p.prosecdef)
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
where n.nspname <> all(:excluded)
  and not exists (select 1 from pg_catalog.pg_depend d where d.objid = p.oid and d.deptype = 'e')
  and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) cfg where cfg like 'search_path=%')

-- lint: rls_disabled_in_public
select format('rls_disabled_in_public_%s_%s', n.nspname, c.relname), n.nspname, c.relname,
       jsonb_build_object('readers', to_jsonb(array_remove(array[
           case when pg_catalog.has_table_privilege(:anon, c.oid, 'SELECT') then 'anon' end,
           case when pg_catalog.has_table_privilege(:authenticated, c.oid, 'SELECT') then 'authenticated' end],
           null)))
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind = 'r'
  and not c.relrowsecurity
  and (pg_catalog.has_table_privilege(:anon, c.oid, 'SELECT')
       or pg_catalog.has_table_privilege(:authenticated, c.oid, 'SELECT'))
  and n.nspname = any(:exposed)
  and n.nspname <> all(:excluded)

-- lint: extension_in_public
select format('extension_in_public_%s', e.extname), e.extnamespace::regnamespace::text, e.extname,
       jsonb_build_object('version', e.extversion, 'relocatable', e.extrelocatable)
from pg_catalog.pg_extension e
where e.extname <> 'plpgsql'
  and e.extnamespace::regnamespace::text = 'public'

-- lint: rls_references_user_metadata
select format('rls_references_user_metadata_%s_%s_%s', n.nspname, c.relname, p.polname), n.nspname, c.relname,
       jsonb_build_object('policy', p.polname, 'using', q.qual, 'with_check', q.with_check)
from pg_catalog.pg_policy p
join pg_catalog.pg_class c on c.oid = p.polrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
cross join lateral (select pg_catalog.pg_get_expr(p.polqual, p.polrelid) as qual,
                           pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) as with_check) q
where n.nspname <> all(:excluded)
  and (q.qual like '%auth.jwt()%user_metadata%'
       or q.qual like '%current_setting(%request.jwt.claims%)%user_metadata%'
       or q.with_check like '%auth.jwt()%user_metadata%'
       or q.with_check like '%current_setting(%request.jwt.claims%)%user_metadata%')

-- lint: materialized_view_in_api
select format('materialized_view_in_api_%s_%s', n.nspname, c.relname), n.nspname, c.relname, null::jsonb
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind = 'm'
  and (pg_catalog.has_table_privilege(:anon, c.oid, 'SELECT')
       or pg_catalog.has_table_privilege(:authenticated, c.oid, 'SELECT'))
  and n.nspname = any(:exposed)
  and n.nspname <> all(:excluded)
  and not exists (select 1 from pg_catalog.pg_depend d where d.objid = c.oid and d.deptype = 'e')

-- lint: foreign_table_in_api
select format('foreign_table_in_api_%s_%s', n.nspname, c.relname), n.nspname, c.relname, null::jsonb
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind = 'f'
  and (pg_catalog.has_table_privilege(:anon, c.oid, 'SELECT')
       or pg_catalog.has_table_privilege(:authenticated, c.oid, 'SELECT'))
  and n.nspname = any(:exposed)
  and n.nspname <> all(:excluded)
  and not exists (select 1 from pg_catalog.pg_depend d where d.objid = c.oid and d.deptype = 'e')

-- lint: unsupported_reg_types
-- any relation's column (views and composite types too), as splinter looks; only three schemas are skipped
select format('unsupported_reg_types_%s_%s_%s', n.nspname, c.relname, a.attname), n.nspname, c.relname,
       jsonb_build_object('column', a.attname, 'type', t.typname)
from pg_catalog.pg_attribute a
join pg_catalog.pg_class c on c.oid = a.attrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
join pg_catalog.pg_type t on t.oid = a.atttypid
join pg_catalog.pg_namespace tn on tn.oid = t.typnamespace
where tn.nspname = 'pg_catalog'
  and t.typname in ('regcollation', 'regconfig', 'regdictionary', 'regnamespace', 'regoper', 'regoperator',
                    'regproc', 'regprocedure')
  and n.nspname not in ('pg_catalog', 'information_schema', 'pgsodium')

-- lint: insecure_queue_exposed_in_api
-- splinter files these under the rls_disabled_in_public_ key prefix; kept so that suppressions carry over
select format('rls_disabled_in_public_%s_%s', n.nspname, c.relname), n.nspname, c.relname, null::jsonb
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'I')
  and not c.relrowsecurity
  and (pg_catalog.has_table_privilege(:anon, c.oid, 'SELECT')
       or pg_catalog.has_table_privilege(:authenticated, c.oid, 'SELECT'))
  and n.nspname = 'pgmq'
  and c.relname like 'q_%'
  and 'pgmq_public' = any(:exposed)

-- lint: table_bloat
-- the classic estimate from pg_stats: pages the rows would need against pages the table holds
select format('table_bloat_%s_%s', b.schemaname, b.tablename), b.schemaname, b.tablename,
       jsonb_build_object('bloat', b.bloat, 'waste_bytes', b.waste)
from (select t.schemaname, t.tablename,
             round(case when t.otta = 0 then 0.0 else t.relpages / t.otta::numeric end, 1) as bloat,
             case when t.relpages < t.otta then 0 else (t.bs * (t.relpages - t.otta)::bigint)::bigint end as waste
      from (select i.schemaname, i.tablename, cc.relpages, i.bs,
                   ceil((cc.reltuples * ((i.datahdr + i.ma - (case when i.datahdr % i.ma = 0 then i.ma
                        else i.datahdr % i.ma end)) + i.nullhdr2 + 4)) / (i.bs - 20::float)) as otta
            from (select f.ma, f.bs, f.schemaname, f.tablename,
                         (f.datawidth + (f.hdr + f.ma - (case when f.hdr % f.ma = 0 then f.ma
                              else f.hdr % f.ma end)))::numeric as datahdr,
                         (f.maxfracsum * (f.nullhdr + f.ma - (case when f.nullhdr % f.ma = 0 then f.ma
                              else f.nullhdr % f.ma end))) as nullhdr2
                  from (select s.schemaname, s.tablename, k.hdr, k.ma, k.bs,
                               sum((1 - s.null_frac) * s.avg_width) as datawidth, max(s.null_frac) as maxfracsum,
                               k.hdr + (select 1 + count(*) / 8 from pg_catalog.pg_stats s2
                                        where s2.null_frac <> 0 and s2.schemaname = s.schemaname
                                          and s2.tablename = s.tablename) as nullhdr
                        from pg_catalog.pg_stats s,
                             (select current_setting('block_size')::numeric as bs, 23 as hdr, 4 as ma) k
                        group by 1, 2, 3, 4, 5) f) i
            join pg_catalog.pg_namespace nn on nn.nspname = i.schemaname and nn.nspname <> 'information_schema'
            join pg_catalog.pg_class cc on cc.relname = i.tablename and cc.relnamespace = nn.oid
            where cc.relkind = 'r'
              and cc.relam = (select oid from pg_catalog.pg_am where amname = 'heap')) t) b
where b.bloat > 70.0
  and b.waste > (20 * 1024 * 1024)

-- lint: fkey_to_auth_unique
select format('fkey_to_auth_unique_%s_%s_%s', n.nspname, rel.relname, k.conname), n.nspname, rel.relname,
       jsonb_build_object('constraint', k.conname, 'references', rn.nspname || '.' || ref.relname,
           'index', i.indexrelid::regclass::text)
from pg_catalog.pg_constraint k
join pg_catalog.pg_class rel on rel.oid = k.conrelid
join pg_catalog.pg_namespace n on n.oid = rel.relnamespace
join pg_catalog.pg_class ref on ref.oid = k.confrelid
join pg_catalog.pg_namespace rn on rn.oid = ref.relnamespace
join pg_catalog.pg_index i on i.indexrelid = k.conindid
where k.contype = 'f'
  and rn.nspname = 'auth'
  and i.indisunique
  and not i.indisprimary

-- lint: extension_versions_outdated
select format('extension_versions_outdated_%s_%s', x.name, x.installed_version), null::text, x.name,
       jsonb_build_object('installed', x.installed_version, 'default', x.default_version)
from pg_catalog.pg_available_extensions x
-- a version missing from pg_available_extension_versions (left over by pg_upgrade) is not reported
join pg_catalog.pg_available_extension_versions v on v.name = x.name and v.installed
where x.installed_version is not null
  and x.default_version is not null
  and x.installed_version <> x.default_version

-- lint: sensitive_columns_exposed
select format('sensitive_columns_exposed_%s_%s', n.nspname, c.relname), n.nspname, c.relname,
       jsonb_build_object('columns', jsonb_agg(distinct a.attname))
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
where c.relkind = 'r'
  and not c.relrowsecurity
  and (pg_catalog.has_table_privilege(:anon, c.oid, 'SELECT')
       or pg_catalog.has_table_privilege(:authenticated, c.oid, 'SELECT'))
  and n.nspname = any(:exposed)
  and n.nspname <> all(:excluded)
  and replace(lower(a.attname), '-', '_') = any(:sensitive_names)
group by n.nspname, c.relname

-- lint: rls_policy_always_true
-- SELECT USING (true) is left alone on purpose: public read access is a documented pattern
select format('rls_policy_always_true_%s_%s_%s', x.schema_name, x.table_name, x.policy_name),
       x.schema_name, x.table_name,
       jsonb_build_object('policy', x.policy_name, 'command', x.command, 'roles', to_jsonb(x.roles),
           'using', x.qual, 'with_check', x.with_check,
           'permissive_using', x.always_using, 'permissive_with_check', x.always_check)
from (select y.*,
             y.command in ('UPDATE', 'DELETE', 'ALL') and (y.nqual in ('true', '(true)', '1=1', '(1=1)')
                 or y.qual is null) as always_using,
             (y.ncheck in ('true', '(true)', '1=1', '(1=1)')
                 or (y.with_check is null and y.command = 'INSERT')
                 or (y.with_check is null and y.command in ('UPDATE', 'ALL')
                     and y.nqual in ('true', '(true)', '1=1', '(1=1)'))) as always_check
      from (select n.nspname as schema_name, c.relname as table_name, p.polname as policy_name,
                   (select array_agg(r::regrole::text) from unnest(p.polroles) as u(r)) as roles,
                   case p.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE'
                                 when 'd' then 'DELETE' when '*' then 'ALL' end as command,
                   q.qual, q.with_check,
                   replace(replace(replace(lower(coalesce(q.qual, '')), ' ', ''), E'\n', ''), E'\t', '') as nqual,
                   replace(replace(replace(lower(coalesce(q.with_check, '')), ' ', ''), E'\n', ''), E'\t', '')
                       as ncheck
            from pg_catalog.pg_policy p
            join pg_catalog.pg_class c on c.oid = p.polrelid
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            cross join lateral (select pg_catalog.pg_get_expr(p.polqual, p.polrelid) as qual,
                                       pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) as with_check) q
            where c.relkind = 'r'
              and c.relrowsecurity
              and p.polpermissive
              and n.nspname <> all(:excluded)
              and (p.polroles = array[0::oid]
                   or exists (select 1 from unnest(p.polroles) r
                              where r::regrole::text in ('anon', 'authenticated')))) y) x
where x.always_using or x.always_check

-- lint: public_bucket_allows_listing
-- needs storage.buckets: SupabaseLints runs it only where that table exists
select format('public_bucket_allows_listing_%s', b.id), 'storage', b.name,
       jsonb_build_object('bucket_id', b.id, 'policies', jsonb_agg(p.policyname order by p.policyname))
from storage.buckets b
join pg_catalog.pg_policies p on p.schemaname = 'storage' and p.tablename = 'objects'
     and p.cmd in ('SELECT', 'ALL') and p.permissive = 'PERMISSIVE'
     and p.roles && array['public'::name, 'anon'::name, 'authenticated'::name]
where b.public = true
  and (p.qual is null
       or replace(replace(replace(lower(p.qual), ' ', ''), E'\n', ''), E'\t', '') in ('true', '(true)', '1=1', '(1=1)')
       or (pg_catalog.regexp_match(p.qual,
             $re$\A\s*\(*\s*bucket_id\s*=\s*('(?:[^']|'')*')(\s*::\s*[[:alnum:]_\.]+)?\s*\)*\s*\Z$re$, 'i'))[1]
          = '''' || replace(b.id::text, '''', '''''') || '''')
group by b.id, b.name

-- lint: pg_graphql_anon_table_exposed
select format('pg_graphql_anon_table_exposed_%s_%s', n.nspname, c.relname), n.nspname, c.relname,
       jsonb_build_object('kind', case c.relkind when 'r' then 'table' when 'v' then 'view'
                                                 when 'm' then 'materialized view' when 'f' then 'foreign table' end)
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'v', 'm', 'f')
  and exists (select 1 from pg_catalog.pg_extension where extname = 'pg_graphql')
  and n.nspname <> all(:excluded)
  and exists (select 1 from pg_catalog.pg_attribute a where a.attrelid = c.oid and a.attnum > 0
              and not a.attisdropped and pg_catalog.has_column_privilege(:anon, c.oid, a.attnum, 'SELECT'))

-- lint: pg_graphql_authenticated_table_exposed
select format('pg_graphql_authenticated_table_exposed_%s_%s', n.nspname, c.relname), n.nspname, c.relname,
       jsonb_build_object('kind', case c.relkind when 'r' then 'table' when 'v' then 'view'
                                                 when 'm' then 'materialized view' when 'f' then 'foreign table' end)
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'v', 'm', 'f')
  and exists (select 1 from pg_catalog.pg_extension where extname = 'pg_graphql')
  and n.nspname <> all(:excluded)
  and exists (select 1 from pg_catalog.pg_attribute a where a.attrelid = c.oid and a.attnum > 0
              and not a.attisdropped and pg_catalog.has_column_privilege(:authenticated, c.oid, a.attnum, 'SELECT'))

-- lint: anon_security_definer_function_executable
select format('anon_security_definer_function_executable_%s_%s_%s', n.nspname, p.proname,
              pg_catalog.pg_get_function_identity_arguments(p.oid)), n.nspname, p.proname,
       jsonb_build_object('arguments', pg_catalog.pg_get_function_identity_arguments(p.oid), 'language', l.lanname)
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
join pg_catalog.pg_language l on l.oid = p.prolang
where p.prosecdef
  and pg_catalog.has_function_privilege(:anon, p.oid, 'EXECUTE')
  and n.nspname = any(:exposed)
  and n.nspname <> all(:excluded)

-- lint: authenticated_security_definer_function_executable
select format('authenticated_security_definer_function_executable_%s_%s_%s', n.nspname, p.proname,
              pg_catalog.pg_get_function_identity_arguments(p.oid)), n.nspname, p.proname,
       jsonb_build_object('arguments', pg_catalog.pg_get_function_identity_arguments(p.oid), 'language', l.lanname)
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
join pg_catalog.pg_language l on l.oid = p.prolang
where p.prosecdef
  and pg_catalog.has_function_privilege(:authenticated, p.oid, 'EXECUTE')
  and n.nspname = any(:exposed)
  and n.nspname <> all(:excluded)
