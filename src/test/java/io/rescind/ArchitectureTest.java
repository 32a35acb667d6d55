package io.rescind;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.rescind.orders.PurchaseOrder;
import io.rescind.orders.PurchaseOrders;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The domain stays plain Java, and there is one way to write an order. */
class ArchitectureTest {

    private static final com.tngtech.archunit.core.domain.JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rescind");

    /** The aggregate and its values, rules and events: everything in orders but its stores and services. */
    private static final DescribedPredicate<JavaClass> DOMAIN = DescribedPredicate.describe(
            "domain types of io.rescind.orders",
            type -> type.getPackageName().equals("io.rescind.orders")
                    && !wiredBySpring(outermost(type))
                    && !type.getSimpleName().equals("HistoryEntry")
                    && !type.getSimpleName().equals("package-info"));

    private static JavaClass outermost(JavaClass type) {
        return type.getEnclosingClass().map(ArchitectureTest::outermost).orElse(type);
    }

    /** Stores, services and JSON mix-ins: the classes that connect the domain to the framework. */
    private static boolean wiredBySpring(JavaClass type) {
        return type.getAnnotations().stream()
                .anyMatch(annotation -> annotation.getRawType().getPackageName().startsWith("org.springframework"));
    }

    @Test
    void theDomainKnowsNothingOfSpringJdbcOrJson() {
        noClasses()
                .that(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "java.sql..",
                        "javax.sql..",
                        "tools.jackson..",
                        "com.fasterxml.jackson..")
                .check(CLASSES);
    }

    @Test
    void theDomainIsWhatTheRuleLooksAt() {
        assertThat(CLASSES.stream().filter(DOMAIN).map(JavaClass::getSimpleName))
                .contains("PurchaseOrder", "OrderLine", "CancellationPolicy", "Proration", "CancelLines", "Money");
    }

    @Test
    void ordersAreWrittenOnlyThroughTheAggregatesSave() {
        var writes = Arrays.stream(PurchaseOrders.class.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()))
                .filter(method -> method.getName().matches("save|insert|update|amend|record|delete.*"))
                .map(method -> method.getName() + Arrays.toString(method.getParameterTypes()))
                .toList();
        assertThat(writes).containsExactly("save[class " + PurchaseOrder.class.getName() + ", class java.util.UUID]");
        assertThat(CLASSES.get("io.rescind.orders.OrderJournal").getModifiers()).doesNotContain(JavaModifier.PUBLIC);
    }
}
