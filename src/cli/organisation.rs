//! The organisation on the command line: its name and its coordinator.

use clap::Args;

use klik::i18n::Texts;
use klik::organisation::{self, Coordinator};

use crate::{Cli, Failure, open, print_json};

/// `klik organisation`: shows the organisation; each option given changes it.
#[derive(Args)]
pub struct OrganisationArgs {
    /// The organisation's name, printed on every document.
    #[arg(long)]
    pub name: Option<String>,
    /// The programme coordinator's name: in the agreement's signature box
    /// and the organiser of intake invitations.
    #[arg(long)]
    pub coordinator: Option<String>,
    /// The coordinator's e-mail address, the organiser of intake invitations
    /// (a programme's intake settings may name another).
    #[arg(long)]
    pub organiser_email: Option<String>,
}

pub fn run_organisation(cli: &Cli, texts: &Texts, args: &OrganisationArgs) -> Result<(), Failure> {
    let mut store = open(cli)?;
    if let Some(name) = &args.name {
        organisation::set_name(&mut store, name)?;
    }
    if args.coordinator.is_some() || args.organiser_email.is_some() {
        let current = organisation::coordinator(&store)?;
        organisation::set_coordinator(
            &mut store,
            &Coordinator {
                name: args.coordinator.clone().unwrap_or(current.name),
                email: args.organiser_email.clone().unwrap_or(current.email),
            },
        )?;
    }
    let org = organisation::get(&store)?;
    let coordinator = organisation::coordinator(&store)?;
    if cli.json {
        print_json(&serde_json::json!({
            "name": org.name,
            "coordinator": coordinator.name,
            "organiser_email": coordinator.email,
            "logo": org.logo.is_some(),
        }));
    } else {
        println!("{}", org.name);
        if !coordinator.name.is_empty() || !coordinator.email.is_empty() {
            println!(
                "{}",
                texts.format(
                    "organisation.cli.coordinator",
                    &[("name", &coordinator.name), ("email", &coordinator.email)]
                )
            );
        }
    }
    Ok(())
}
