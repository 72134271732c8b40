package jobs.x402.console.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(DatabaseExtension.class)}: the class gets its own database cloned from the baseline template
 * (of the seed schema variant, or of the one {@link WithSchemaVariant} names);
 * tests and lifecycle methods receive it as a {@link TestDatabase} parameter.
 */
public final class DatabaseExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DatabaseExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    private static TestDatabase database(ExtensionContext context) {
        ExtensionContext classContext = context.getTestClass().isPresent() && context.getParent().isPresent()
                && context.getTestMethod().isPresent() ? context.getParent().get() : context;
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent("database",
                key -> new TestDatabase(TestPostgres.get().freshDatabase(
                        classContext.getRequiredTestClass().getSimpleName(), variantOf(classContext)),
                        variantOf(classContext)),
                TestDatabase.class);
    }

    private static jobs.x402.console.target.SchemaVariant variantOf(ExtensionContext context) {
        WithSchemaVariant annotation = context.getRequiredTestClass().getAnnotation(WithSchemaVariant.class);
        return annotation == null ? jobs.x402.console.target.SchemaVariant.SEED : annotation.value();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return database(extensionContext);
    }
}
