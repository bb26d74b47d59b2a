package com.aipasta.command.chat.turn;

import com.aipasta.chat.api.value.PromptCategory;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tells what a user message asks for, so answers can be ranked per category. The rules are tried in this order and
 * the first that matches wins; a message no rule matches is {@code general}. Words match whole and in any case.
 * <ol>
 *   <li>{@code coding}: a code fence ({@code ```}), code-like text (a call followed by a brace, {@code =>},
 *   {@code #include}, {@code console.log}, {@code System.out}), or a word such as code, program, function, bug,
 *   debug, compile, exception, stack trace, refactor, algorithm, regex, SQL, API, script, Git, Docker, a language
 *   (Java, Python, JavaScript, TypeScript, Rust, Golang, C++, C#, …), HTML, CSS, JSON, YAML, React, unit test;</li>
 *   <li>{@code math}: arithmetic ({@code 2+2}, {@code 12 * 7}, {@code x^2}, {@code 3 - 1} with spaces) or a word
 *   such as math, calculate, equation, integral, derivative, algebra, geometry, calculus, probability, theorem,
 *   proof, matrix, polynomial, logarithm, factorial, fraction, percentage, square root;</li>
 *   <li>{@code writing}: a word such as write, rewrite, draft, essay, story, poem, lyrics, novel, blog, article,
 *   letter, email, cover letter, resume, tweet, caption, slogan, headline, paraphrase, proofread, grammar, rephrase,
 *   translate;</li>
 *   <li>{@code research}: a word such as research, study, paper, journal, citation, source, evidence, literature,
 *   survey, analyse, analysis, compare, versus, pros and cons, history, statistics, explain, summarise, overview,
 *   or a question starting "why does/is/are/do/did" or "how does/do/did".</li>
 * </ol>
 * The complete word lists are {@link #RULES}.
 */
public final class CategoryDetector {

    private record Rule(PromptCategory category, Pattern pattern) {
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final List<Rule> RULES = List.of(
            new Rule(PromptCategory.CODING, Pattern.compile(String.join("|",
                    "```",
                    "\\w\\s*\\([^()\\n]*\\)\\s*\\{",
                    "=>",
                    "#include\\b",
                    "console\\.log",
                    "System\\.out",
                    "(?<![\\w+#])(c\\+\\+|c#)(?![\\w+#])",
                    words("code", "codes", "coding", "coder", "program", "programs", "programming", "programmer",
                            "function", "functions", "bug", "bugs", "debug", "debugging", "compile", "compiler",
                            "compiling", "exception", "stack trace", "stacktrace", "refactor", "refactoring",
                            "algorithm", "algorithms", "regex", "regexp", "sql", "api", "apis", "endpoint",
                            "script", "scripts", "git", "github", "docker", "kubernetes", "java", "javascript",
                            "typescript", "python", "rust", "golang", "kotlin", "swift", "ruby", "php", "html",
                            "css", "json", "yaml", "react", "node.js", "nodejs", "spring boot", "unit test",
                            "unit tests", "syntax")),
                    FLAGS)),
            new Rule(PromptCategory.MATH, Pattern.compile(String.join("|",
                    "\\d\\s*[+*/×÷^=]\\s*\\d",
                    "\\d\\s+-\\s+\\d",
                    "\\b[a-z]\\s*\\^\\s*\\d",
                    words("math", "maths", "mathematics", "mathematical", "calculate", "calculation",
                            "calculus", "algebra", "geometry", "trigonometry", "arithmetic", "equation",
                            "equations", "integral", "integrals", "derivative", "derivatives", "differentiate",
                            "theorem", "proof", "prove", "probability", "matrix", "matrices", "polynomial",
                            "logarithm", "factorial", "fraction", "fractions", "percentage", "square root")),
                    FLAGS)),
            new Rule(PromptCategory.WRITING, Pattern.compile(
                    words("write", "writing", "rewrite", "draft", "essay", "essays", "story", "stories", "poem",
                            "poems", "poetry", "haiku", "lyrics", "novel", "fiction", "blog", "article", "letter",
                            "email", "e-mail", "cover letter", "resume", "tweet", "caption", "slogan", "headline",
                            "tagline", "paraphrase", "proofread", "grammar", "rephrase", "translate",
                            "translation"),
                    FLAGS)),
            new Rule(PromptCategory.RESEARCH, Pattern.compile(String.join("|",
                    words("research", "study", "studies", "paper", "papers", "journal", "citation", "citations",
                            "cite", "source", "sources", "evidence", "literature", "survey", "analyse", "analyze",
                            "analysis", "compare", "comparison", "versus", "pros and cons", "history",
                            "historical", "statistics", "explain", "summarise", "summarize", "summary",
                            "overview"),
                    "^\\s*(why (does|is|are|do|did)|how (does|do|did))\\b"),
                    FLAGS)));

    private CategoryDetector() {
    }

    public static PromptCategory detect(String message) {
        if (message == null) {
            return PromptCategory.GENERAL;
        }
        return RULES.stream().filter(rule -> rule.pattern().matcher(message).find()).findFirst()
                .map(Rule::category).orElse(PromptCategory.GENERAL);
    }

    private static String words(String... words) {
        return "\\b(" + Arrays.stream(words).map(Pattern::quote).collect(Collectors.joining("|")) + ")\\b";
    }
}
