//! A bare ratatui program: `ratatui::init`, one bordered paragraph, wait for a key, restore. The
//! yardstick for the wizard's time to first frame (`benches/first-frame.py`).

use crossterm::event::{self, Event, KeyEventKind};
use ratatui::widgets::{Block, Borders, Paragraph};

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    terminal.draw(|frame| {
        let paragraph = Paragraph::new("Hello from a bare ratatui program")
            .block(Block::default().borders(Borders::ALL).title("bare"));
        frame.render_widget(paragraph, frame.area());
    })?;
    loop {
        if let Event::Key(key) = event::read()?
            && key.kind == KeyEventKind::Press
        {
            break;
        }
    }
    ratatui::restore();
    Ok(())
}
