package io.pushmon.gateway.ui;

import java.util.List;

/**
 * Copy-paste examples for a monitor's push URL, in the shapes of the push contract's own examples (a curl loop,
 * Node's fetch, Python's requests) plus a crontab line and PowerShell, so a user can wire a job without the docs.
 */
public final class Snippets {

    /** One example: its language and the text to copy. */
    public record Snippet(String id, String label, String code) {
    }

    private Snippets() {
    }

    public static List<Snippet> forUrl(String pushUrl, String pingUrl) {
        return List.of(
                new Snippet("curl", "curl", "# a heartbeat every 60 seconds\nwhile true; do\n  curl -fsS -m 10 --retry 3 -X POST \""
                        + pushUrl + "\"\n  sleep 60\ndone"),
                new Snippet("cron", "crontab", "# run the job, then report how it ended (exit status and output)\n"
                        + "0 3 * * * /usr/local/bin/backup.sh > /tmp/backup.log 2>&1; curl -fsS -m 10 --retry 3 "
                        + "--data-binary @/tmp/backup.log \"" + pingUrl + "/$?\""),
                new Snippet("python", "Python", "import time\nimport requests\n\nwhile True:\n    try:\n"
                        + "        requests.post(\"" + pushUrl + "\", params={\"msg\": \"ok\"}, timeout=10)\n"
                        + "    except requests.RequestException as e:\n        print(f\"heartbeat failed: {e}\")\n"
                        + "    time.sleep(60)"),
                new Snippet("node", "Node.js", "setInterval(async () => {\n  try {\n    await fetch(\"" + pushUrl
                        + "\", { method: \"POST\" });\n  } catch (error) {\n"
                        + "    console.error(\"heartbeat failed:\", error);\n  }\n}, 60000);"),
                new Snippet("powershell", "PowerShell", "# in a scheduled task, after the job\n"
                        + "Invoke-RestMethod -Method Post -Uri \"" + pushUrl + "?msg=$([uri]::EscapeDataString('done'))\""
                        + " -TimeoutSec 10"));
    }
}
