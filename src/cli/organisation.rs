//! The organisation on the command line: its name and its coordinator.

use clap::Args;
use serde::Serialize;

use klik::i18n::Texts;
use klik::organisation::{self, Coordinator};

use super::{Failure, Globals};

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

/// `klik organisation --json`.
#[derive(Serialize)]
struct OrganisationJson {
    name: String,
    coordinator: String,
    organiser_email: String,
    logo: bool,
}

pub fn run(cli: &Globals, texts: &Texts, args: &OrganisationArgs) -> Result<(), Failure> {
    let mut store = cli.open()?;
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
    let json = OrganisationJson {
        name: org.name,
        coordinator: coordinator.name,
        organiser_email: coordinator.email,
        logo: org.logo.is_some(),
    };
    cli.print(&json, |json| {
        println!("{}", json.name);
        if !json.coordinator.is_empty() || !json.organiser_email.is_empty() {
            println!(
                "{}",
                texts.format(
                    "organisation.cli.coordinator",
                    &[
                        ("name", &json.coordinator),
                        ("email", &json.organiser_email)
                    ]
                )
            );
        }
    });
    Ok(())
}
