package jobs.x402.console.testing;

import jobs.x402.console.target.SchemaVariant;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The class's database is cloned from the baseline of this schema variant (seed when absent). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
public @interface WithSchemaVariant {
    SchemaVariant value();
}
