package com.aipasta.command.tool;

import com.aipasta.command.auth.AccessToken;
import com.aipasta.tool.api.value.ToolChannel;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tools hub: every tool with its parameters, and running one with a JSON object of them as the body. */
@RestController
public class ToolController {

    private final Tools tools;
    private final ToolRuns runs;

    public ToolController(Tools tools, ToolRuns runs) {
        this.tools = tools;
        this.runs = runs;
    }

    @GetMapping("/api/tools")
    public Map<String, Object> list() {
        List<Map<String, Object>> described = tools.all().stream().map(Tools::describe).toList();
        return Map.of("tools", described);
    }

    @PostMapping("/api/tools/{toolName}")
    public Map<String, Object> run(@AuthenticationPrincipal AccessToken caller, @PathVariable String toolName,
                                   @RequestBody(required = false) Map<String, Object> parameters) {
        ToolRuns.Outcome outcome = runs.execute(tools.require(toolName), parameters);
        runs.record(caller.userId(), outcome, ToolChannel.HUB);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("tool", outcome.tool().name());
        answer.put("result", outcome.result());
        answer.put("durationMs", outcome.durationMicros() / 1000.0);
        return answer;
    }
}
