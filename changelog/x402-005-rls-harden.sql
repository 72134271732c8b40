--liquibase formatted sql

-- Hardening of migration 005's own objects, what Supabase's linter and the console's lints flag in them, without
-- changing what the backend or a user can do (rls matrix and the expectation suite show the same answers):
--   auth_rls_initplan             the user policy calls auth.uid() per row: wrapped as (select auth.uid()), once per query
--   function_search_path_mutable  the trigger function gets a fixed, empty search_path (its body only calls now())
--   rls_not_forced_on_secret_table  FORCE ROW LEVEL SECURITY: the table's owner is held to the policies too; service_role
--                                 (BYPASSRLS, the backend's key) and postgres on Supabase (BYPASSRLS) are unaffected
-- One changeset in one transaction; its rollback restores 005's definitions exactly. The precondition refuses to run
-- unless 005's objects are there with 005's original definitions, so the rollback never restores something else.

--changeset x402:005-rls-harden logicalFilePath:x402/005-rls-harden.sql runInTransaction:true failOnError:true rollbackSplitStatements:true
--comment: 005's user policy with (select auth.uid()), a fixed search_path on its trigger function, FORCE ROW LEVEL SECURITY on public.user_openrouter_integrations
--preconditions onFail:HALT onError:HALT
--precondition-sql-check expectedResult:ok select coalesce('not 005 as applied: ' || string_agg(p.name, ', '), 'ok') from (values ('public.user_openrouter_integrations', to_regclass('public.user_openrouter_integrations') is not null), ('its user policy as 005 made it', exists (select 1 from pg_policy where polrelid = to_regclass('public.user_openrouter_integrations') and polname = 'Users can manage their own OpenRouter config' and pg_get_expr(polqual, polrelid) = '(auth.uid() = user_id)' and pg_get_expr(polwithcheck, polrelid) = '(auth.uid() = user_id)')), ('its trigger function without a search_path', exists (select 1 from pg_proc where oid = to_regprocedure('public.update_openrouter_integration_updated_at()') and proconfig is null)), ('row level security not forced yet', exists (select 1 from pg_class where oid = to_regclass('public.user_openrouter_integrations') and not relforcerowsecurity))) as p(name, present) where not p.present
alter policy "Users can manage their own OpenRouter config" on public.user_openrouter_integrations
    using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
alter function public.update_openrouter_integration_updated_at() set search_path = '';
alter table public.user_openrouter_integrations force row level security;
--rollback alter table public.user_openrouter_integrations no force row level security;
--rollback alter function public.update_openrouter_integration_updated_at() reset search_path;
--rollback alter policy "Users can manage their own OpenRouter config" on public.user_openrouter_integrations using (auth.uid() = user_id) with check (auth.uid() = user_id);
