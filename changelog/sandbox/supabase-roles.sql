-- The cluster roles of a hosted Supabase project, as supabase/postgres' init scripts and migrations leave them
-- (facts in docs/supabase-target.md). Run by a superuser other than postgres (supabase_admin on the sandbox), once
-- per cluster; every statement is safe to run again.
do $roles$
begin
    if not exists (select from pg_roles where rolname = 'postgres') then
        create role postgres;
    end if;
    if not exists (select from pg_roles where rolname = 'anon') then
        create role anon;
    end if;
    if not exists (select from pg_roles where rolname = 'authenticated') then
        create role authenticated;
    end if;
    if not exists (select from pg_roles where rolname = 'service_role') then
        create role service_role;
    end if;
    if not exists (select from pg_roles where rolname = 'authenticator') then
        create role authenticator;
    end if;
    if not exists (select from pg_roles where rolname = 'supabase_auth_admin') then
        create role supabase_auth_admin;
    end if;
    if not exists (select from pg_roles where rolname = 'supabase_storage_admin') then
        create role supabase_storage_admin;
    end if;
    if not exists (select from pg_roles where rolname = 'dashboard_user') then
        create role dashboard_user;
    end if;
end
$roles$;

-- The operator's role: demoted by Supabase's migration 10000000000000_demote-postgres
alter role postgres nosuperuser createdb createrole login replication bypassrls;
-- API roles: INHERIT since Supabase's 2023 change; service_role is the backend's key and bypasses RLS
alter role anon nologin inherit nobypassrls;
alter role authenticated nologin inherit nobypassrls;
alter role service_role nologin inherit bypassrls;
alter role authenticator login noinherit;
alter role supabase_auth_admin login noinherit createrole;
alter role supabase_storage_admin login noinherit createrole;
alter role dashboard_user nologin nosuperuser createdb createrole replication;

alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';
alter role authenticator set statement_timeout = '8s';
alter role authenticator set lock_timeout = '8s';
alter role postgres set search_path = "$user", public, extensions;

-- PostgREST logs in as authenticator and switches to an API role per request
grant anon, authenticated, service_role to authenticator;
-- postgres may SET ROLE to the API roles (what lets the console probe RLS) and administers auth and storage
grant anon, authenticated, service_role to postgres;
grant supabase_auth_admin, supabase_storage_admin to postgres;
