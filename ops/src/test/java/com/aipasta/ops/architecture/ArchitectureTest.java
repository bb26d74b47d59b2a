package com.aipasta.ops.architecture;

import com.aipasta.command.chat.turn.ChatTurns;
import com.aipasta.command.http.ReadModels;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.scheduling.annotation.Scheduled;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The replay-safety and layering rules that nothing else would enforce. */
@AnalyzeClasses(packages = "com.aipasta", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule everyProjectionClearsWhatItOwnsOnReset = classes()
            .that().resideInAPackage("com.aipasta.projections..")
            .and().areAnnotatedWith(ProcessingGroup.class)
            .should(new ArchCondition<>("declare a @ResetHandler") {
                @Override
                public void check(JavaClass projection, ConditionEvents events) {
                    boolean resets = projection.getMethods().stream()
                            .anyMatch(method -> method.isAnnotatedWith(ResetHandler.class));
                    events.add(new SimpleConditionEvent(projection, resets,
                            projection.getName() + (resets ? " has" : " has no") + " @ResetHandler"));
                }
            });

    @ArchTest
    static final ArchRule eventHandlersOnTheCommandSideNeverRunInAReplay = methods()
            .that().areAnnotatedWith(EventHandler.class)
            .and().areDeclaredInClassesThat().resideInAPackage("com.aipasta.command..")
            .should().beAnnotatedWith(DisallowReplay.class);

    private static final DescribedPredicate<JavaClass> DECIDES = new DescribedPredicate<>(
            "handle commands or events, or run chat turns or timers on the write side") {
        @Override
        public boolean test(JavaClass type) {
            return type.isAnnotatedWith(Saga.class) || type.isAssignableTo(ChatTurns.class)
                    || type.getMethods().stream().anyMatch(method -> method.isAnnotatedWith(CommandHandler.class)
                    || method.isAnnotatedWith(EventHandler.class) || method.isAnnotatedWith(SagaEventHandler.class)
                    || method.isAnnotatedWith(EventSourcingHandler.class) || method.isAnnotatedWith(Scheduled.class))
                    || type.getConstructors().stream().anyMatch(constructor ->
                    constructor.isAnnotatedWith(CommandHandler.class));
        }
    };

    @ArchTest
    static final ArchRule theWriteSideDecidesWithoutReadModels = noClasses()
            .that().resideInAPackage("com.aipasta.command..")
            .and(DECIDES)
            .should().dependOnClassesThat().areAssignableTo(QueryGateway.class)
            .orShould().dependOnClassesThat().areAssignableTo(ReadModels.class);

    @ArchTest
    static final ArchRule theMessageApiDependsOnNoFramework = noClasses()
            .that().resideInAnyPackage("com.aipasta.common..", "com.aipasta..api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.fasterxml..",
                    "org.bson..", "jakarta..");

    @ArchTest
    static final ArchRule projectionsDoNotReachIntoTheCommandSide = noClasses()
            .that().resideInAnyPackage("com.aipasta.projections..", "com.aipasta.query..")
            .should().dependOnClassesThat().resideInAPackage("com.aipasta.command..");

    @ArchTest
    static final ArchRule everyEventIsRevisioned = classes()
            .that().resideInAPackage("com.aipasta..api.event..")
            .and().areNotInterfaces()
            .should().beAnnotatedWith(org.axonframework.serialization.Revision.class);
}
