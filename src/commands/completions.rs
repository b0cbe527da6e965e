//! `llmcost completions SHELL`: the script that registers llmcost's dynamic
//! completions. Bash gets a script of our own, because the generic one
//! completes the word bash split at `:` (COMP_WORDBREAKS), which breaks
//! Bedrock ids such as `anthropic.claude-haiku-4-5-v1:0`.

use std::io::Write;

use anyhow::{Context, Result};

use crate::cli::Shell;

/// Bash registration: the words come from the command line up to the
/// cursor, split at spaces only, and a `…:` prefix bash will keep is cut
/// from each candidate (as bash-completion's `__ltrim_colon_completions`).
const BASH_SCRIPT: &str = r#"_clap_complete_llmcost() {
    local line="${COMP_LINE:0:COMP_POINT}"
    local -a words
    IFS=' ' read -r -a words <<< "$line"
    if [[ -z "$line" || "$line" == *" " ]]; then
        words+=("")
    fi
    local cur="${words[${#words[@]}-1]}"
    local IFS=$'\013'
    local _CLAP_COMPLETE_SPACE=true
    if compopt +o nospace 2> /dev/null; then
        _CLAP_COMPLETE_SPACE=false
    fi
    COMPREPLY=( $( \
        _CLAP_IFS="$IFS" \
        _CLAP_COMPLETE_INDEX="$(( ${#words[@]} - 1 ))" \
        _CLAP_COMPLETE_COMP_TYPE="${COMP_TYPE}" \
        _CLAP_COMPLETE_SPACE="$_CLAP_COMPLETE_SPACE" \
        COMPLETE="bash" \
        "llmcost" -- "${words[@]}" \
    ) )
    if [[ $? != 0 ]]; then
        unset COMPREPLY
        return
    fi
    if [[ "$cur" == *:* && "$COMP_WORDBREAKS" == *:* ]]; then
        local colon_prefix="${cur%"${cur##*:}"}"
        local i
        for i in "${!COMPREPLY[@]}"; do
            COMPREPLY[$i]="${COMPREPLY[$i]#"$colon_prefix"}"
        done
    fi
    if [[ $_CLAP_COMPLETE_SPACE == false ]] && [[ "${COMPREPLY-}" =~ [=/:]$ ]]; then
        compopt -o nospace
    fi
}
complete -o nospace -o bashdefault -o nosort -F _clap_complete_llmcost llmcost 2> /dev/null \
    || complete -o nospace -o bashdefault -F _clap_complete_llmcost llmcost
"#;

/// Writes the registration script for `shell`.
pub fn write(shell: Shell, out: &mut dyn Write) -> Result<()> {
    if shell == Shell::Bash {
        out.write_all(BASH_SCRIPT.as_bytes())?;
        return Ok(());
    }
    let shells = clap_complete::env::Shells::builtins();
    let completer = shells.completer(shell.name()).context("unknown shell")?;
    completer.write_registration("COMPLETE", "llmcost", "llmcost", "llmcost", out)?;
    Ok(())
}
