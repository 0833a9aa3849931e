package org.flam.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.flam.api.FlamProperties;
import org.flam.api.command.Command;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.promise.Promise;

class FlamMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void dispatchesToTheNamedCommandWithTheRemainingArguments() {
        List<List<String>> seen = new ArrayList<>();
        FlamMain main = main(List.of("echo", "a", "b"), "echo");
        main.addCommand(command((args, o) -> {
            seen.add(args);
            o.print("hi");
            return 7;
        }), Map.of(FlamProperties.COMMAND, "echo"));

        assertEquals(7, main.call());
        assertEquals(List.of(List.of("a", "b")), seen);
        assertEquals("hi", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void whatLibrariesPrintToSystemOutGoesToTheErrorStreamWhileACommandRuns() {
        PrintStream realOut = System.out;
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        FlamMain main = new FlamMain(List.of("json"), new DeclaringScr("json"), stdout,
                new PrintStream(err, true, StandardCharsets.UTF_8), false, null);
        main.addCommand(command((args, o) -> {
            System.out.println("readResidual elsecase, pEsc = 31"); // as jflac does
            o.print("{\"files\": []}");
            return 0;
        }), Map.of(FlamProperties.COMMAND, "json"));
        System.setOut(stdout); // the launcher's case: the command's stream is System.out
        try {
            assertEquals(0, main.call());
            assertSame(stdout, System.out, "restored after the command");
        } finally {
            System.setOut(realOut);
        }
        assertEquals("{\"files\": []}", out.toString(StandardCharsets.UTF_8), "results only");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("readResidual elsecase"), err.toString());
    }

    @Test
    void badArgumentsExitWithUsageAndFailuresWithOneAndAMessage() {
        FlamMain bad = main(List.of("x"), "x");
        bad.addCommand(command((args, o) -> {
            throw new IllegalArgumentException("--threshold must be in [0,1]");
        }), Map.of(FlamProperties.COMMAND, "x"));
        assertEquals(Command.USAGE, bad.call());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("flam x: --threshold must be in [0,1]"));

        FlamMain failing = main(List.of("y"), "y");
        failing.addCommand(command((args, o) -> {
            throw new java.io.IOException("model.sd is missing");
        }), Map.of(FlamProperties.COMMAND, "y"));
        assertEquals(1, failing.call());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("flam y: model.sd is missing"));
    }

    @Test
    void anUnknownCommandIsAUsageErrorThatListsTheCommands() {
        FlamMain main = main(List.of("detcet"), "info");
        main.addCommand(command((args, o) -> 0), Map.of(FlamProperties.COMMAND, "info"));
        assertEquals(Command.USAGE, main.call());
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("unknown command 'detcet'"), e);
        assertTrue(e.contains("info"), e);
    }

    @Test
    void noArgumentsPrintsUsage() {
        FlamMain main = main(List.of(), "info");
        main.addCommand(command((args, o) -> 0), Map.of(FlamProperties.COMMAND, "info"));
        assertEquals(Command.USAGE, main.call());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("usage: flam <command>"));
    }

    @Test
    void launcherArgumentsMustBeAStringArray() {
        assertEquals(List.of("info"), FlamMain.arguments(new String[] {"info"}));
        assertEquals(List.of(), FlamMain.arguments(null));
        assertThrows(IllegalArgumentException.class, () -> FlamMain.arguments(List.of("info")));
    }

    interface Body {
        int run(List<String> args, PrintStream out) throws Exception;
    }

    private static ComponentServiceObjects<Command> command(Body body) {
        Command command = new Command() {
            @Override
            public String summary() {
                return "test command";
            }

            @Override
            public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
                return body.run(args, out);
            }
        };
        return new ComponentServiceObjects<>() {
            @Override
            public Command getService() {
                return command;
            }

            @Override
            public void ungetService(Command service) {
            }

            @Override
            public ServiceReference<Command> getServiceReference() {
                throw new UnsupportedOperationException();
            }
        };
    }

    private FlamMain main(List<String> args, String declared) {
        return new FlamMain(args, new DeclaringScr(declared), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, null);
    }

    /** An SCR that declares one Command component with the given flam.command. */
    private static final class DeclaringScr implements ServiceComponentRuntime {
        private final ComponentDescriptionDTO description = new ComponentDescriptionDTO();

        DeclaringScr(String command) {
            description.name = "test." + command;
            description.serviceInterfaces = new String[] {Command.class.getName()};
            description.properties = Map.of(FlamProperties.COMMAND, command);
        }

        @Override
        public Collection<ComponentDescriptionDTO> getComponentDescriptionDTOs(Bundle... bundles) {
            return List.of(description);
        }

        @Override
        public ComponentDescriptionDTO getComponentDescriptionDTO(Bundle bundle, String name) {
            return description;
        }

        @Override
        public Collection<ComponentConfigurationDTO> getComponentConfigurationDTOs(ComponentDescriptionDTO d) {
            return List.of();
        }

        @Override
        public boolean isComponentEnabled(ComponentDescriptionDTO d) {
            return true;
        }

        @Override
        public Promise<Void> enableComponent(ComponentDescriptionDTO d) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Promise<Void> disableComponent(ComponentDescriptionDTO d) {
            throw new UnsupportedOperationException();
        }
    }
}
